<?php
/**
 * Writing a widget's tag into a page, loading the portal's script once per page that needs it,
 * and keeping the clerks' tool to the one page marked noindex.
 */

declare(strict_types=1);

namespace Strefa;

if (!defined('ABSPATH')) {
    exit;
}

const SCRIPT_HANDLE = 'strefa-widgets';

/** The portal's address (the BFF), without a trailing slash; '' until an administrator sets it. */
function portal_url(): string
{
    $url = (string) get_option('strefa_portal_url', '');
    return untrailingslashit($url);
}

/** The widgets' language: the setting ('pl' by default), or the site's when it is Polish or English. */
function widget_language(): string
{
    $setting = (string) get_option('strefa_language', 'pl');
    if ($setting === 'site') {
        $site = substr(determine_locale(), 0, 2);
        return in_array($site, ['pl', 'en'], true) ? $site : 'pl';
    }
    return in_array($setting, ['pl', 'en'], true) ? $setting : 'pl';
}

/** The page chosen as the clerks' one (0: none). */
function clerk_page_id(): int
{
    return (int) get_option('strefa_clerk_page', 0);
}

/** True while WordPress shows the clerks' page. */
function is_clerk_page(): bool
{
    $id = clerk_page_id();
    return $id > 0 && is_page($id);
}

/**
 * The clerks' page is not for search engines: `noindex, nofollow` in its robots meta tag (WordPress
 * prints it through the wp_robots filter).
 *
 * @param array<string, bool|string> $robots
 * @return array<string, bool|string>
 */
function robots_for_clerk_page(array $robots): array
{
    if (is_clerk_page()) {
        $robots['noindex'] = true;
        $robots['nofollow'] = true;
        unset($robots['max-image-preview']);
    }
    return $robots;
}

/** The widgets' script on the portal: the footer's tag and the head's hint name the same URL. */
function widgets_script_url(string $portal_url): string
{
    return $portal_url . '/widgets/strefa.js';
}

/** False for the clerks' tool anywhere but the clerks' page; true for every other widget. */
function shows_here(array $widget): bool
{
    return empty($widget['clerks']) || is_clerk_page();
}

/** Loads the widgets' script from the portal, in the footer; WordPress prints it once per page. */
function enqueue_widgets_script(): void
{
    $url = portal_url();
    if ($url === '') {
        return;
    }
    // No version query: the portal serves strefa.js with revalidation itself.
    wp_enqueue_script(SCRIPT_HANDLE, widgets_script_url($url), [], null, ['in_footer' => true]);
}

/** `scheme://host[:port]` of an address; '' when it has no host. */
function origin_of(string $url): string
{
    $parts = wp_parse_url($url);
    if (!is_array($parts) || empty($parts['host'])) {
        return '';
    }
    $scheme = strtolower($parts['scheme'] ?? 'https');
    return $scheme . '://' . strtolower($parts['host']) . (isset($parts['port']) ? ':' . $parts['port'] : '');
}

/**
 * The widgets (their slugs) that a single post or page's content holds and that will show there:
 * Strefa blocks and shortcodes (the clerks' tool only on the clerks' page). Widgets placed
 * elsewhere (a widget area, an archive's excerpts) are found only while the page renders: they
 * keep the footer's tag alone.
 *
 * @return string[]
 */
function widgets_in_content(): array
{
    if (!is_singular()) {
        return [];
    }
    $post = get_queried_object();
    if (!$post instanceof \WP_Post) {
        return [];
    }
    // A protected post shows its password form, not its content.
    if (post_password_required($post)) {
        return [];
    }
    $sources = [$post, ...synced_patterns($post->post_content)];
    $found = [];
    foreach (widgets() as $slug => $widget) {
        if (!shows_here($widget)) {
            continue;
        }
        foreach ($sources as $source) {
            if (has_block('strefa/' . $slug, $source) || has_shortcode($source->post_content, $widget['shortcode'])) {
                $found[] = $slug;
                break;
            }
        }
    }
    return $found;
}

/**
 * The published synced patterns (reusable blocks, `core/block`) that blocks in `$content` show,
 * and the ones those show in turn, one level down: an editor who keeps the portal in a pattern to
 * place it on several pages gets the head hints there too.
 *
 * @return \WP_Post[]
 */
function synced_patterns(string $content, int $depth = 0): array
{
    if ($depth > 1 || !has_block('core/block', $content)) {
        return [];
    }
    $patterns = [];
    $walk = function (array $blocks) use (&$walk, &$patterns, $depth): void {
        foreach ($blocks as $block) {
            $ref = (int) ($block['attrs']['ref'] ?? 0);
            if ($block['blockName'] === 'core/block' && $ref > 0) {
                $pattern = get_post($ref);
                // What core/block itself renders: a published pattern without a password.
                if (
                    $pattern instanceof \WP_Post
                    && $pattern->post_type === 'wp_block'
                    && $pattern->post_status === 'publish'
                    && $pattern->post_password === ''
                ) {
                    $patterns[] = $pattern;
                    array_push($patterns, ...synced_patterns($pattern->post_content, $depth + 1));
                }
            }
            $walk($block['innerBlocks'] ?? []);
        }
    };
    $walk(parse_blocks($content));
    return $patterns;
}

/**
 * In the head of a page that shows widgets: the widgets' script starts loading there (a
 * modulepreload hint, which the footer's `<script type="module">` then takes from the module map),
 * instead of when the browser reaches the footer, after the whole page's HTML. A portal on another
 * origin also gets its connections opened early: one for the modules (fetched without cookies,
 * hence `crossorigin`) and one for the API's calls (with the session cookie). And the widgets'
 * session check starts with the page (`session_check_url`).
 */
function head_hints(): void
{
    $url = portal_url();
    $shown = $url === '' ? [] : widgets_in_content();
    if (!$shown) {
        return;
    }
    $origin = origin_of($url);
    if ($origin !== '' && $origin !== origin_of(home_url())) {
        printf('<link rel="preconnect" href="%s" crossorigin>' . "\n", esc_url($origin));
        printf('<link rel="preconnect" href="%s">' . "\n", esc_url($origin));
    }
    printf('<link rel="modulepreload" href="%s">' . "\n", esc_url(widgets_script_url($url)));
    printf(
        '<link rel="preload" as="fetch" href="%s" crossorigin="use-credentials">' . "\n",
        esc_url(session_check_url($url, $shown)),
    );
}

/**
 * The widgets' first session check, which the page starts itself with the head's hints instead of
 * after the widgets' code: with `/me` when a resident's data widget shows (one round trip less
 * before the data), without for the login box or the clerks' tool alone. The widgets ask exactly
 * the check a page preloads, so the browser hands its answer over (never a second request).
 */
function session_check_url(string $portal_url, array $shown): string
{
    $widgets = widgets();
    $needs_me = false;
    foreach ($shown as $slug) {
        $widget = $widgets[$slug];
        $needs_me = $needs_me || ($widget['tag'] !== 'resident-login' && empty($widget['clerks']));
    }
    return $portal_url . '/api/v1/session' . ($needs_me ? '?include=me' : '');
}

/** The widgets are ES modules: `type="module"` on our script tag (WordPress 6.1 has no module API). */
function module_script_tag(string $tag, string $handle, string $src): string
{
    if ($handle !== SCRIPT_HANDLE) {
        return $tag;
    }
    return sprintf('<script type="module" src="%s" id="%s-js"></script>' . "\n", esc_url($src), esc_attr($handle));
}

/** A note only editors see (in the editor's preview or on the page while logged in to WordPress). */
function editor_note(string $text): string
{
    if (!current_user_can('edit_posts')) {
        return '';
    }
    return '<p class="strefa-editor-note" style="padding:.75em 1em;border:1px dashed #b32d2e;">' . esc_html($text) . '</p>';
}

/**
 * The HTML of one widget: its element with the chosen settings as attributes, in a wrapper that
 * carries the block's alignment. Everything is escaped here; nothing of it is stored in posts.
 *
 * @param array<string, mixed> $values block attributes or shortcode attributes (by block name)
 * @param string $wrapper_attributes the wrapper's attributes (blocks: alignment and classes)
 */
function render_widget(string $slug, array $values, string $wrapper_attributes = ''): string
{
    $widgets = widgets();
    if (!isset($widgets[$slug])) {
        return '';
    }
    $widget = $widgets[$slug];
    if (portal_url() === '') {
        return editor_note(__('Strefa Mieszkańca: set the portal address in Settings → Strefa Mieszkańca.', 'strefa'));
    }
    if (!shows_here($widget)) {
        return editor_note(__("The clerks' tool is shown only on the clerks' page chosen in Settings → Strefa Mieszkańca (search engines are told not to index it).", 'strefa'));
    }
    enqueue_widgets_script();

    $lang = isset($values['lang']) && in_array($values['lang'], ['pl', 'en'], true) ? $values['lang'] : widget_language();
    $attributes = ['lang' => $lang];
    foreach ($widget['settings'] as $name => [$attribute, $type]) {
        if (!array_key_exists($name, $values) || $values[$name] === '' || $values[$name] === null) {
            continue;
        }
        $value = $values[$name];
        if ($type === 'boolean') {
            if (filter_var($value, FILTER_VALIDATE_BOOLEAN)) {
                $attributes[$attribute] = true;
            }
        } elseif ($type === 'integer') {
            $number = filter_var($value, FILTER_VALIDATE_INT);
            if ($number !== false && $number > 0) {
                $attributes[$attribute] = (string) $number;
            }
        } else {
            $attributes[$attribute] = $attribute === 'portal-url' ? esc_url_raw((string) $value) : (string) $value;
        }
    }

    $html = '<' . $widget['tag'];
    foreach ($attributes as $attribute => $value) {
        $html .= $value === true ? ' ' . esc_attr($attribute) : sprintf(' %s="%s"', esc_attr($attribute), esc_attr((string) $value));
    }
    $html .= '></' . $widget['tag'] . '>';
    return sprintf('<div %s>%s</div>', $wrapper_attributes !== '' ? $wrapper_attributes : 'class="strefa-widget"', $html);
}
