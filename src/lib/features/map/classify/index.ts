// One import path for the map code; the modules stay separate so each can be tested alone.
export * from './classify';
export * from './bivariate';
export * from './palettes';
export { jenksBreaks } from './jenks';
