// The authorisation matrix's second half of row files (see matrix.ts).
import { matrixPart } from "./matrix";
import { MATRIX_PARTS } from "./parts";

matrixPart(1, MATRIX_PARTS);
