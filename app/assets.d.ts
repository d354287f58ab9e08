/** esbuild bundles imported stylesheets into the page's CSS asset. */
declare module "*.css";
