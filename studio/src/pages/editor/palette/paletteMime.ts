/** The drag payload type of a palette item (its value: the node kind). */
export const PALETTE_MIME = 'application/x-baton-node-kind';
