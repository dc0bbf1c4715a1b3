import fs from 'fs';
import path from 'path';
import webpack, { type Configuration } from 'webpack';

/**
 * The preview bundle: the app's real module (src/module.tsx) with the real @grafana/ui, data, runtime and
 * scenes bundled in (not externals, unlike the plugin build), plus the host in preview/app/.
 * `webpack -c preview/webpack.config.ts [--env production]`; output in preview/dist/.
 *
 * Dist mode (`--env grafanaPackages=DIR --env outputDir=DIR`, see preview/grafanaPackages.ts): the host
 * alone (preview/app/dist.tsx, no src/), built against the Grafana packages installed in DIR, which it
 * hands to dist/module.js through SystemJS.
 */

const root = path.resolve(__dirname, '..');
const pluginJson = require(path.join(root, 'src', 'plugin.json')) as { id: string };

/** Requests of the packages of which Grafana has one copy, shared with plugins (preview/app/sharedModules.ts). */
const SHARED_SINGLETON =
  /^(@grafana\/(data|ui|runtime|schema|i18n)|@emotion\/(css|react)|i18next|lodash|moment|react|react-dom|react-inlinesvg|rxjs)(\/.*)?$/;

function runtimeUnstable(packages: string): string | false {
  const file = path.join(packages, '@grafana/runtime/dist/esm/unstable.mjs');
  return fs.existsSync(file) ? file : false;
}

type Env = Record<string, string | boolean | undefined>;

const config = (env: Env = {}): Configuration => {
  const production = Boolean(env.production);
  const grafanaPackages = typeof env.grafanaPackages === 'string' ? path.resolve(env.grafanaPackages) : undefined;
  const packages = grafanaPackages ? path.join(grafanaPackages, 'node_modules') : path.join(root, 'node_modules');
  return {
    mode: production ? 'production' : 'development',
    context: root,
    entry: { main: grafanaPackages ? './preview/app/dist.tsx' : './preview/app/index.tsx' },
    // Dist mode: no source maps of the host (tens of MB the browser parses on each page load).
    devtool: production || grafanaPackages ? false : 'eval-cheap-module-source-map',
    cache: {
      type: 'filesystem',
      cacheDirectory: path.join(root, 'node_modules', '.cache', 'preview-webpack'),
      name: `${grafanaPackages ? `dist-${path.basename(grafanaPackages)}` : 'src'}-${production ? 'production' : 'development'}`,
      buildDependencies: { config: [__filename] },
    },
    output: {
      path: typeof env.outputDir === 'string' ? path.resolve(env.outputDir) : path.join(root, 'preview', 'dist'),
      publicPath: '/public/preview/',
      filename: '[name].js',
      chunkFilename: '[name].js',
      clean: true,
    },
    resolve: {
      extensions: ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.json'],
      // src first for the app's baseUrl imports (`plugin.json`), as in the plugin build; then node_modules
      // before the root's own copy: @grafana/ui carries nested copies of react-router and history. In dist
      // mode the Grafana packages' folder comes first and src/ is not reachable.
      modules: grafanaPackages
        ? ['node_modules', packages, path.join(root, 'node_modules')]
        : [path.join(root, 'src'), 'node_modules', path.join(root, 'node_modules')],
      alias: {
        'preview-runtime-plugin-page$': path.join(packages, '@grafana/runtime/dist/esm/components/PluginPage.mjs'),
        ...(grafanaPackages
          ? {
              // Grafana's react-router-dom v5, shared with plugins under that name (sharedModules.ts).
              'preview-react-router-dom-v5$': path.join(packages, 'react-router-dom'),
              // What Grafana's boot sets up from @grafana/runtime/unstable (since 13); nothing before it.
              'preview-runtime-unstable$': runtimeUnstable(packages),
            }
          : {}),
      },
    },
    module: {
      rules: [
        // Grafana renders app pages inside react-router v6 from react-router-dom-v5-compat, which it also
        // shares with plugins as 'react-router': the host's router must be that same instance.
        ...(grafanaPackages
          ? [
              {
                include: path.join(root, 'preview', 'app'),
                resolve: { alias: { 'react-router-dom$': path.join(packages, 'react-router-dom-v5-compat') } },
              },
            ]
          : []),
        {
          test: /\.[tj]sx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'swc-loader',
            options: {
              jsc: {
                baseUrl: path.join(root, 'src'),
                target: 'es2020',
                parser: { syntax: 'typescript', tsx: true, decorators: false, dynamicImport: true },
                transform: { react: { runtime: 'automatic' } },
              },
            },
          },
        },
        // node_modules ship .mjs: as auto modules a CommonJS default import comes back as the function, not an object.
        { test: /\.mjs$/, include: /node_modules/, type: 'javascript/auto', resolve: { fullySpecified: false } },
        { test: /\.css$/, use: ['style-loader', 'css-loader'] },
        { test: /\.s[ac]ss$/, use: ['style-loader', 'css-loader', 'sass-loader'] },
        { test: /\.(png|jpe?g|gif|svg)$/, type: 'asset/resource' },
        { test: /\.(woff2?|eot|ttf|otf)$/, type: 'asset/resource' },
      ],
    },
    plugins: [
      new webpack.DefinePlugin({ 'process.env.PREVIEW_PLUGIN_ID': JSON.stringify(pluginJson.id) }),
      // One copy of each module Grafana shares, from the packages' folder, whoever imports it (the host, or
      // @grafana/scenes from the repository's node_modules): resolved as if imported from that folder, so
      // that the packages' `exports` (@grafana/data/unstable, react/jsx-runtime) still apply.
      ...(grafanaPackages
        ? [
            new webpack.NormalModuleReplacementPlugin(SHARED_SINGLETON, (resource: { context: string }) => {
              resource.context = grafanaPackages;
            }),
          ]
        : []),
    ],
    performance: { hints: false },
    stats: 'errors-warnings',
  };
};

export default config;
