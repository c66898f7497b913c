/** Monitoring of enterprise status over time: resumption statistics. */
export * from './resumption';
export * from './reporting';
