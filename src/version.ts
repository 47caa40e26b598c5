/** The product's name: the logger's, the tracer's and the default OpenTelemetry service name. */
export const PRODUCT_NAME = 'partner-center-bff';

/** The gateway's version, sent upstream as MS-PartnerCenter-Application (a test keeps it equal to package.json). */
export const VERSION = '0.1.0';
export const APPLICATION_NAME = `${PRODUCT_NAME}/${VERSION}`;
