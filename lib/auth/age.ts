// The neutral age question asked on first sign-in. Month precision only: a
// person counts as 13 once 13 full years have passed since the end of the
// birth month, so the rule never admits anyone who might still be 12.
export const MINIMUM_AGE = 13;

export function isUnderMinimumAge(birth: { year: number; month: number }, now = new Date()): boolean {
  const monthsSinceBirthMonth = (now.getUTCFullYear() - birth.year) * 12 + (now.getUTCMonth() + 1 - birth.month);
  return monthsSinceBirthMonth <= MINIMUM_AGE * 12;
}
