/** Debian's Chromium, unless CHROMIUM_PATH names another. */
export declare const CHROMIUM_PATH: string;
/** The flags Chromium needs as root in a container without a GPU or network. */
export declare const CHROMIUM_ARGS: string[];
