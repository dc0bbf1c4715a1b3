import path from 'path';
import webpack, { type Configuration } from 'webpack';

/**
 * The preview bundle: the app's real module (src/module.tsx) with the real @grafana/ui, data, runtime and
 * scenes bundled in (not externals, unlike the plugin build), plus the host in preview/app/.
 * `webpack -c preview/webpack.config.ts [--env production]`; output in preview/dist/.
 */

const root = path.resolve(__dirname, '..');
const pluginJson = require(path.join(root, 'src', 'plugin.json')) as { id: string };

type Env = Record<string, string | boolean | undefined>;

const config = (env: Env = {}): Configuration => {
  const production = Boolean(env.production);
  return {
    mode: production ? 'production' : 'development',
    context: root,
    entry: { main: './preview/app/index.tsx' },
    devtool: production ? false : 'eval-cheap-module-source-map',
    cache: {
      type: 'filesystem',
      cacheDirectory: path.join(root, 'node_modules', '.cache', 'preview-webpack'),
      buildDependencies: { config: [__filename] },
    },
    output: {
      path: path.join(root, 'preview', 'dist'),
      publicPath: '/public/preview/',
      filename: '[name].js',
      chunkFilename: '[name].js',
      clean: true,
    },
    resolve: {
      extensions: ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.json'],
      // src first for the app's baseUrl imports (`plugin.json`), as in the plugin build; then node_modules
      // before the root's own copy: @grafana/ui carries nested copies of react-router and history.
      modules: [path.join(root, 'src'), 'node_modules', path.join(root, 'node_modules')],
      alias: {
        'preview-runtime-plugin-page$': path.join(
          root,
          'node_modules/@grafana/runtime/dist/esm/components/PluginPage.mjs'
        ),
      },
    },
    module: {
      rules: [
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
    plugins: [new webpack.DefinePlugin({ 'process.env.PREVIEW_PLUGIN_ID': JSON.stringify(pluginJson.id) })],
    performance: { hints: false },
    stats: 'errors-warnings',
  };
};

export default config;
