/** The gateway's version, sent upstream as MS-PartnerCenter-Application (a test keeps it equal to package.json). */
export const VERSION = '0.1.0';
export const APPLICATION_NAME = `partner-center-bff/${VERSION}`;
