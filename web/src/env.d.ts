// Ambient declarations for what Vite bundles besides TypeScript: stylesheets imported for their side effect.
declare module "*.css";
