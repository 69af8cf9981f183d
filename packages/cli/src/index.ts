export { run } from './main.ts';
export { createProgram } from './program.ts';
