<?php
/**
 * Shortcodes for the classic editor and page builders: `[strefa_portal]`, `[strefa_czynsz
 * unit_id="12" url_state="1"]`… Attribute names are the block settings in snake_case.
 */

declare(strict_types=1);

namespace Strefa;

if (!defined('ABSPATH')) {
    exit;
}

function register_shortcodes(): void
{
    foreach (widgets() as $slug => $widget) {
        add_shortcode($widget['shortcode'], static function ($attributes) use ($slug, $widget): string {
            $defaults = ['lang' => ''];
            foreach (array_keys($widget['settings']) as $name) {
                $defaults[strtolower((string) preg_replace('/[A-Z]/', '_$0', $name))] = '';
            }
            $given = shortcode_atts($defaults, is_array($attributes) ? $attributes : [], $widget['shortcode']);
            $values = ['lang' => $given['lang']];
            foreach (array_keys($widget['settings']) as $name) {
                $values[$name] = $given[strtolower((string) preg_replace('/[A-Z]/', '_$0', $name))];
            }
            return render_widget($slug, $values);
        });
    }
}
