// The authorisation matrix's first quarter of rows (see matrix.ts).
import { matrixPart } from "./matrix";
import { MATRIX_PARTS } from "./parts";

matrixPart(0, MATRIX_PARTS);
