// @ts-check
// The highlight colour of each privacy-policy claim category: warm for what hands data on,
// yellow for tracking and keeping, blue for advertising, green for promises, teal for rights.
// One table for the extension and the demo (scripts/build-wasm.sh copies it to www/lib).

export const COLOURS = {
  data_sale: '#ffb4c8', business_transfer: '#ffb4c8', third_party_sharing: '#ffd8a8', credit_scoring: '#ffd8a8',
  tracking_profiling: '#fff0a0', international_transfer: '#fff0a0', retention: '#fff0a0', policy_change: '#fff0a0',
  staff_access: '#ffd8a8',
  marketing: '#e2e8ff', never_share_promise: '#c8f0d2', user_rights: '#d6f2f7', security: '#d6f2f7', access_safeguard: '#d6f2f7',
};
