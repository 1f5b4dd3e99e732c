// Order form handling for the sample workspace.
export function validateQuantity(value) {
  const quantity = Number(value);
  if (!Number.isInteger(quantity) || quantity <= 0) {
    return 'Quantity must be a whole number above zero.';
  }
  return undefined;
}
