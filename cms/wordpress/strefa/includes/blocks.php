<?php
/**
 * One dynamic block per widget (`strefa/portal`, `strefa/czynsz`…): rendered on the server, so
 * the post holds only `<!-- wp:strefa/czynsz {"align":"wide"} /-->`, which every role may save.
 * The editor shows a labelled placeholder with the settings in the sidebar
 * (assets/blocks-editor.js, plain JavaScript on WordPress's own packages, no build step).
 */

declare(strict_types=1);

namespace Strefa;

if (!defined('ABSPATH')) {
    exit;
}

/** The block attributes of a widget: its settings, its language, and the alignment. */
function block_attributes(array $widget): array
{
    $attributes = ['lang' => ['type' => 'string', 'default' => '']];
    foreach ($widget['settings'] as $name => [, $type]) {
        $attributes[$name] = ['type' => $type === 'integer' ? 'number' : $type];
    }
    return $attributes;
}

function register_blocks(): void
{
    wp_register_script(
        'strefa-blocks-editor',
        plugins_url('assets/blocks-editor.js', PLUGIN_FILE),
        ['wp-blocks', 'wp-element', 'wp-block-editor', 'wp-components', 'wp-i18n'],
        VERSION,
        true
    );
    $definitions = [];
    foreach (widgets() as $slug => $widget) {
        $definitions[] = [
            'name' => 'strefa/' . $slug,
            'title' => $widget['title'],
            'description' => $widget['description'],
            'tag' => $widget['tag'],
            'shortcode' => $widget['shortcode'],
            'attributes' => block_attributes($widget),
        ];
        register_block_type('strefa/' . $slug, [
            'api_version' => 2,
            'title' => $widget['title'],
            'description' => $widget['description'],
            'category' => 'widgets',
            'icon' => $slug === 'panel-bom' ? 'id' : 'building',
            'keywords' => ['strefa', 'spółdzielnia', $widget['tag']],
            'attributes' => block_attributes($widget),
            'supports' => ['align' => ['wide', 'full'], 'html' => false, 'multiple' => $slug !== 'portal'],
            'editor_script' => 'strefa-blocks-editor',
            'render_callback' => static fn (array $attributes): string => render_widget(
                $slug,
                $attributes,
                get_block_wrapper_attributes(['class' => 'strefa-widget'])
            ),
        ]);
    }
    wp_add_inline_script(
        'strefa-blocks-editor',
        'window.strefaBlocks = ' . wp_json_encode([
            'blocks' => $definitions,
            'portalUrl' => portal_url(),
            'labels' => [
                'settings' => __('Settings', 'strefa'),
                'language' => __('Language', 'strefa'),
                'languageDefault' => __('As in Settings → Strefa Mieszkańca', 'strefa'),
                'unitId' => __('Unit id (empty: the first unit of the logged-in resident)', 'strefa'),
                'urlState' => __('Keep the chosen year and month in the page address (back button, reload)', 'strefa'),
                'headingLevel' => __('Heading level of the login box (2–6)', 'strefa'),
                'portalUrl' => __('Address of the residents’ portal page (for activation letters)', 'strefa'),
                'preview' => __('Shown to residents on the published page. No portal address set yet: Settings → Strefa Mieszkańca.', 'strefa'),
                'previewReady' => __('Shown to residents on the published page, loaded from %s.', 'strefa'),
            ],
        ]) . ';',
        'before'
    );
}
