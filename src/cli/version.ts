import { version } from '../../package.json';

/** The version of Burnrate the CLI belongs to: the package's, so the CLI and the plugin always agree. */
export const CLI_VERSION: string = version;
