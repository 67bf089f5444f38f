// The authorisation matrix's first half of row files (see matrix.ts).
import { matrixPart } from "./matrix";
import { MATRIX_PARTS } from "./parts";

matrixPart(0, MATRIX_PARTS);
