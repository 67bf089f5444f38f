// The authorisation matrix's third quarter of rows (see matrix.ts).
import { matrixPart } from "./matrix";
import { MATRIX_PARTS } from "./parts";

matrixPart(2, MATRIX_PARTS);
