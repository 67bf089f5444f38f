// The form kit: every labelled control, group of choices and error summary of the site's pages.
export { ariaOf, describedBy, errorId, FieldError, hintId, type FieldBase } from "./field";
export { Checkbox, FileField, SelectField, TextArea, TextField, type Option, type TextFieldProps, type TextType } from "./controls";
export { CheckboxGroup, choiceId, RadioGroup, type Choice } from "./choices";
export { ErrorSummary, inFieldOrder, type SummaryItem } from "./summary";
export { PostButton } from "./post-button";
