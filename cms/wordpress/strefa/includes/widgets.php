<?php
/**
 * The widgets the plugin offers: one block and one shortcode each, with the element's attributes
 * as block settings (the names and types follow the elements' manifest, custom-elements.json).
 */

declare(strict_types=1);

namespace Strefa;

if (!defined('ABSPATH')) {
    exit;
}

/**
 * Settings a widget takes: block attribute name => [HTML attribute, type].
 *
 * @return array<string, array{0: string, 1: string}>
 */
function data_widget_settings(): array
{
    return [
        'unitId' => ['unit-id', 'integer'],
        'urlState' => ['url-state', 'boolean'],
    ];
}

/**
 * Every widget: slug => tag, title, description, shortcode and settings. Slugs are the Polish
 * words editors know (block `strefa/czynsz`, shortcode `[strefa_czynsz]`).
 *
 * @return array<string, array{tag: string, title: string, description: string, shortcode: string, settings: array<string, array{0: string, 1: string}>, clerks?: bool}>
 */
function widgets(): array
{
    return [
        'portal' => [
            'tag' => 'resident-portal',
            'title' => __('Strefa: portal', 'strefa'),
            'description' => __('The whole resident zone: login, personal data, rent, accounts, meter readings and settlements in tabs.', 'strefa'),
            'shortcode' => 'strefa_portal',
            'settings' => [],
        ],
        'logowanie' => [
            'tag' => 'resident-login',
            'title' => __('Strefa: logowanie', 'strefa'),
            'description' => __('The login box. Data widgets on the same page point to it instead of showing their own form.', 'strefa'),
            'shortcode' => 'strefa_logowanie',
            'settings' => ['headingLevel' => ['heading-level', 'integer']],
        ],
        'dane' => [
            'tag' => 'resident-profile',
            'title' => __('Strefa: dane osobowe', 'strefa'),
            'description' => __("The resident's personal data and units.", 'strefa'),
            'shortcode' => 'strefa_dane',
            'settings' => data_widget_settings(),
        ],
        'czynsz' => [
            'tag' => 'rent-components',
            'title' => __('Strefa: czynsz', 'strefa'),
            'description' => __('The monthly fee components of a unit.', 'strefa'),
            'shortcode' => 'strefa_czynsz',
            'settings' => data_widget_settings(),
        ],
        'ksiegowosc' => [
            'tag' => 'ledger-accounts',
            'title' => __('Strefa: księgowość', 'strefa'),
            'description' => __('Account balances and their documents.', 'strefa'),
            'shortcode' => 'strefa_ksiegowosc',
            'settings' => data_widget_settings(),
        ],
        'odczyty' => [
            'tag' => 'media-readings',
            'title' => __('Strefa: odczyty', 'strefa'),
            'description' => __('Meter readings.', 'strefa'),
            'shortcode' => 'strefa_odczyty',
            'settings' => data_widget_settings(),
        ],
        'rozliczenia' => [
            'tag' => 'media-settlements',
            'title' => __('Strefa: rozliczenia', 'strefa'),
            'description' => __('Utility settlements.', 'strefa'),
            'shortcode' => 'strefa_rozliczenia',
            'settings' => data_widget_settings(),
        ],
        'panel-bom' => [
            'tag' => 'clerk-admin',
            'title' => __('Strefa: panel BOM', 'strefa'),
            'description' => __("The clerks' tool: login identifiers and start passwords. Shown only on the clerks' page chosen in Settings → Strefa Mieszkańca, which search engines are told not to index.", 'strefa'),
            'shortcode' => 'strefa_panel_bom',
            'settings' => ['portalUrl' => ['portal-url', 'string']],
            'clerks' => true,
        ],
    ];
}
