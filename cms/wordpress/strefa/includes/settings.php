<?php
/**
 * Settings → Strefa Mieszkańca: the portal's address (checked against its /readyz), the widgets'
 * language and the clerks' page. Three options, no credentials, no residents' data.
 */

declare(strict_types=1);

namespace Strefa;

if (!defined('ABSPATH')) {
    exit;
}

function add_settings_page(): void
{
    add_options_page(
        __('Strefa Mieszkańca', 'strefa'),
        __('Strefa Mieszkańca', 'strefa'),
        'manage_options',
        'strefa',
        __NAMESPACE__ . '\\render_settings_page'
    );
}

/** @param array<int|string, string> $links */
function settings_link(array $links): array
{
    $url = admin_url('options-general.php?page=strefa');
    array_unshift($links, sprintf('<a href="%s">%s</a>', esc_url($url), esc_html__('Settings', 'strefa')));
    return $links;
}

/** An http(s) address without a trailing slash, or '' (with a notice) for anything else. */
function sanitize_portal_url($value): string
{
    $value = trim((string) $value);
    if ($value === '') {
        return '';
    }
    $url = esc_url_raw($value, ['http', 'https']);
    $parts = wp_parse_url($url);
    if ($url === '' || empty($parts['host']) || isset($parts['query']) || isset($parts['fragment'])) {
        add_settings_error('strefa_portal_url', 'invalid', __('The portal address must be an http:// or https:// address, e.g. https://strefa.example.pl or https://www.example.pl/strefa.', 'strefa'));
        return (string) get_option('strefa_portal_url', '');
    }
    // Editors often paste the script's address: keep the portal's.
    $url = (string) preg_replace('#/widgets(/strefa\.js)?/?$#', '', $url);
    return untrailingslashit($url);
}

function sanitize_language($value): string
{
    return in_array($value, ['pl', 'en', 'site'], true) ? $value : 'pl';
}

function sanitize_clerk_page($value): int
{
    $id = absint($value);
    return $id > 0 && get_post_type($id) === 'page' ? $id : 0;
}

function register_settings(): void
{
    register_setting('strefa', 'strefa_portal_url', ['type' => 'string', 'sanitize_callback' => __NAMESPACE__ . '\\sanitize_portal_url', 'default' => '']);
    register_setting('strefa', 'strefa_language', ['type' => 'string', 'sanitize_callback' => __NAMESPACE__ . '\\sanitize_language', 'default' => 'pl']);
    register_setting('strefa', 'strefa_clerk_page', ['type' => 'integer', 'sanitize_callback' => __NAMESPACE__ . '\\sanitize_clerk_page', 'default' => 0]);
}

/**
 * Asks the portal whether it is ready (`GET /readyz`: 200 when its database answers).
 *
 * @return array{ok: bool, text: string}
 */
function check_portal(string $url): array
{
    $response = wp_remote_get($url . '/readyz', ['timeout' => 6, 'redirection' => 0, 'headers' => ['Accept' => 'application/json']]);
    if (is_wp_error($response)) {
        /* translators: %s: the error WordPress got */
        return ['ok' => false, 'text' => sprintf(__('The portal does not answer: %s. Check the address, and that this server may connect to it.', 'strefa'), $response->get_error_message())];
    }
    $status = (int) wp_remote_retrieve_response_code($response);
    if ($status === 200) {
        return ['ok' => true, 'text' => __('The portal answers and its database is ready.', 'strefa')];
    }
    if ($status === 503) {
        return ['ok' => false, 'text' => __('The portal answers, but its database is not ready (503). Ask the portal’s administrator.', 'strefa')];
    }
    /* translators: %d: HTTP status */
    return ['ok' => false, 'text' => sprintf(__('Unexpected answer from the portal (HTTP %d): is this the address of Strefa Mieszkańca?', 'strefa'), $status)];
}

/** The site's origin, as the portal must list it in STREFA_ALLOWED_ORIGINS. */
function site_origin(): string
{
    $parts = wp_parse_url(home_url());
    $origin = ($parts['scheme'] ?? 'https') . '://' . ($parts['host'] ?? '');
    return isset($parts['port']) ? $origin . ':' . $parts['port'] : $origin;
}

function render_settings_page(): void
{
    if (!current_user_can('manage_options')) {
        return;
    }
    $url = portal_url();
    $check = $url !== '' ? check_portal($url) : null;
    ?>
    <div class="wrap">
        <h1><?php echo esc_html__('Strefa Mieszkańca', 'strefa'); ?></h1>
        <?php if ($check !== null) : ?>
            <div class="notice <?php echo $check['ok'] ? 'notice-success' : 'notice-error'; ?> strefa-check" role="status">
                <p><strong><?php echo esc_html__('Portal check:', 'strefa'); ?></strong> <?php echo esc_html($check['text']); ?></p>
            </div>
        <?php endif; ?>
        <form method="post" action="options.php">
            <?php settings_fields('strefa'); ?>
            <table class="form-table" role="presentation">
                <tr>
                    <th scope="row"><label for="strefa_portal_url"><?php echo esc_html__('Portal address', 'strefa'); ?></label></th>
                    <td>
                        <input type="url" class="regular-text code" id="strefa_portal_url" name="strefa_portal_url" value="<?php echo esc_attr($url); ?>" placeholder="https://www.example.pl/strefa" />
                        <p class="description"><?php echo esc_html__('Where the portal server (the BFF) answers; the widgets’ script is loaded from its /widgets/strefa.js. Best on this site’s own address under /strefa/, or on a subdomain of the same domain: a portal on another domain cannot keep residents logged in (browsers block third-party cookies).', 'strefa'); ?></p>
                        <p class="description">
                            <?php
                            /* translators: %s: this site's origin */
                            echo esc_html(sprintf(__('Unless the portal is under this site’s own address, its administrator must list %s in STREFA_ALLOWED_ORIGINS.', 'strefa'), site_origin()));
                            ?>
                        </p>
                    </td>
                </tr>
                <tr>
                    <th scope="row"><label for="strefa_language"><?php echo esc_html__('Language of the widgets', 'strefa'); ?></label></th>
                    <td>
                        <?php $language = (string) get_option('strefa_language', 'pl'); ?>
                        <select id="strefa_language" name="strefa_language">
                            <option value="pl" <?php selected($language, 'pl'); ?>><?php echo esc_html__('Polish', 'strefa'); ?></option>
                            <option value="en" <?php selected($language, 'en'); ?>><?php echo esc_html__('English', 'strefa'); ?></option>
                            <option value="site" <?php selected($language, 'site'); ?>><?php echo esc_html__('As the site (Polish or English)', 'strefa'); ?></option>
                        </select>
                        <p class="description"><?php echo esc_html__('A block can override it for itself.', 'strefa'); ?></p>
                    </td>
                </tr>
                <tr>
                    <th scope="row"><label for="strefa_clerk_page"><?php echo esc_html__('Clerks’ page', 'strefa'); ?></label></th>
                    <td>
                        <?php
                        wp_dropdown_pages([
                            'name' => 'strefa_clerk_page',
                            'id' => 'strefa_clerk_page',
                            'selected' => clerk_page_id(),
                            'show_option_none' => esc_html__('— none —', 'strefa'),
                            'option_none_value' => '0',
                            'post_status' => ['publish', 'private', 'draft'],
                        ]);
                        ?>
                        <p class="description"><?php echo esc_html__('The only page where the “Strefa: panel BOM” block is shown. The plugin marks it noindex, nofollow for search engines; make it private or password-protected too if the clerks’ page should not be public at all.', 'strefa'); ?></p>
                    </td>
                </tr>
            </table>
            <?php submit_button(); ?>
        </form>
    </div>
    <?php
}
