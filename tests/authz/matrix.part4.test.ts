// The authorisation matrix's fourth quarter of rows (see matrix.ts).
import { matrixPart } from "./matrix";
import { MATRIX_PARTS } from "./parts";

matrixPart(3, MATRIX_PARTS);
