/**
 * The Strefa blocks in the block editor: a labelled placeholder (the widgets themselves run on
 * the published page, with the resident's session) and the widget's settings in the sidebar.
 * Plain JavaScript on WordPress's own packages, so the plugin needs no build step. The block
 * definitions come from PHP (window.strefaBlocks, see includes/blocks.php): one list for both.
 */
(function (wp, config) {
  'use strict';
  if (!wp || !config) return;
  var el = wp.element.createElement;
  var InspectorControls = wp.blockEditor.InspectorControls;
  var useBlockProps = wp.blockEditor.useBlockProps;
  var PanelBody = wp.components.PanelBody;
  var TextControl = wp.components.TextControl;
  var ToggleControl = wp.components.ToggleControl;
  var SelectControl = wp.components.SelectControl;
  var Placeholder = wp.components.Placeholder;
  var labels = config.labels;

  function control(name, spec, value, set) {
    if (name === 'lang') {
      return el(SelectControl, {
        key: name,
        label: labels.language,
        value: value || '',
        options: [
          { value: '', label: labels.languageDefault },
          { value: 'pl', label: 'Polski' },
          { value: 'en', label: 'English' },
        ],
        onChange: function (next) {
          set(next);
        },
      });
    }
    if (spec.type === 'boolean') {
      return el(ToggleControl, {
        key: name,
        label: labels[name] || name,
        checked: !!value,
        onChange: function (next) {
          set(next);
        },
      });
    }
    return el(TextControl, {
      key: name,
      label: labels[name] || name,
      type: spec.type === 'number' ? 'number' : 'text',
      value: value === undefined || value === null ? '' : String(value),
      onChange: function (next) {
        if (spec.type !== 'number') return set(next);
        var number = parseInt(next, 10);
        set(isNaN(number) ? undefined : number);
      },
    });
  }

  config.blocks.forEach(function (block) {
    wp.blocks.registerBlockType(block.name, {
      apiVersion: 2,
      title: block.title,
      description: block.description,
      category: 'widgets',
      icon: block.name === 'strefa/panel-bom' ? 'id' : 'building',
      attributes: block.attributes,
      supports: { align: ['wide', 'full'], html: false, multiple: block.name !== 'strefa/portal' },
      edit: function (props) {
        var controls = Object.keys(block.attributes).map(function (name) {
          return control(name, block.attributes[name], props.attributes[name], function (next) {
            var change = {};
            change[name] = next;
            props.setAttributes(change);
          });
        });
        var note = config.portalUrl ? labels.previewReady.replace('%s', config.portalUrl) : labels.preview;
        return el(
          'div',
          useBlockProps(),
          el(InspectorControls, null, el(PanelBody, { title: labels.settings }, controls)),
          el(
            Placeholder,
            { icon: 'building', label: block.title, instructions: block.description },
            el(
              'p',
              null,
              el('code', null, '<' + block.tag + '>'),
              ' · ',
              '[' + block.shortcode + '] · ',
              note,
            ),
          ),
        );
      },
      save: function () {
        return null;
      },
    });
  });
})(window.wp, window.strefaBlocks);
