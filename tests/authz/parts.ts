/** How many test files share the matrix's rows (matrix.part1.test.ts … one per part). Four parts of
 *  ~70 rows run two at a time on a 2-core machine and no part outlasts the rest of the suite. */
export const MATRIX_PARTS = 4;
