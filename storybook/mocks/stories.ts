/**
 * What a story file needs, re-exported from here so the element folders (which do not depend
 * on Storybook) resolve Storybook's types through this workspace.
 */
export type { Meta, StoryObj } from '@storybook/web-components-vite';
export { clerkHandlersFor, handlersFor, storyApiBase, type Scenario } from './handlers.ts';
export * as mockData from './data.ts';

/** Story globals that show a story at phone width (360 px). */
export const phoneViewport = { viewport: { value: 'phone', isRotated: false } };
