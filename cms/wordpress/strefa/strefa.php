<?php
/**
 * Plugin Name:       Strefa Mieszkańca
 * Plugin URI:        https://github.com/strefa-mieszkanca/strefa
 * Description:       The resident zone of a housing cooperative on its WordPress site: blocks and shortcodes for the Strefa Mieszkańca widgets, loaded from the cooperative's portal server.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      8.2
 * Author:            Strefa Mieszkańca contributors
 * License:           GPL-2.0-or-later
 * License URI:       https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:       strefa
 * Domain Path:       /languages
 *
 * The widgets themselves (and every resident's data) live on the portal server (the BFF); this
 * plugin stores three settings and nothing else: the portal's address, the widgets' language and
 * which page is the clerks' one. It writes the widgets' tags on the server, so editors without
 * `unfiltered_html` (Authors, everyone on multisite) can place them, loads the portal's script
 * once on the pages that need it, and keeps the clerks' tool to one page that search engines are
 * told not to index.
 */

declare(strict_types=1);

namespace Strefa;

if (!defined('ABSPATH')) {
    exit;
}

const VERSION = '0.1.0';
const PLUGIN_FILE = __FILE__;

require_once __DIR__ . '/includes/widgets.php';
require_once __DIR__ . '/includes/render.php';
require_once __DIR__ . '/includes/blocks.php';
require_once __DIR__ . '/includes/shortcodes.php';
require_once __DIR__ . '/includes/settings.php';

add_action('init', static function (): void {
    load_plugin_textdomain('strefa', false, dirname(plugin_basename(PLUGIN_FILE)) . '/languages');
    register_blocks();
    register_shortcodes();
});
add_filter('script_loader_tag', __NAMESPACE__ . '\\module_script_tag', 10, 3);
add_action('wp_head', __NAMESPACE__ . '\\head_hints', 2);
add_filter('wp_robots', __NAMESPACE__ . '\\robots_for_clerk_page');
add_action('admin_menu', __NAMESPACE__ . '\\add_settings_page');
add_action('admin_init', __NAMESPACE__ . '\\register_settings');
add_filter('plugin_action_links_' . plugin_basename(PLUGIN_FILE), __NAMESPACE__ . '\\settings_link');
