// The authorisation matrix's second quarter of rows (see matrix.ts).
import { matrixPart } from "./matrix";
import { MATRIX_PARTS } from "./parts";

matrixPart(1, MATRIX_PARTS);
