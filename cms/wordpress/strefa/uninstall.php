<?php
/** Removing the plugin removes its three settings: it stores nothing else. */

declare(strict_types=1);

if (!defined('WP_UNINSTALL_PLUGIN')) {
    exit;
}
delete_option('strefa_portal_url');
delete_option('strefa_language');
delete_option('strefa_clerk_page');
