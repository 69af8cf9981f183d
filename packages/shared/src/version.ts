/** The product version reported by health, `synthorg version` and the dashboard footer. */
export const SYNTHORG_VERSION = '0.1.0';
