/** How many test files share the matrix's rows (matrix.part1.test.ts … one per part). */
export const MATRIX_PARTS = 2;
