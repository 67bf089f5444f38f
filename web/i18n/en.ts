import type { Messages } from "./index";

export const en = {
  "app.name": "Chatière",
  "error.title": "Something went wrong",
  "error.not_found": "This page does not exist.",
  "error.invalid": "Some values are not valid: {fields}.",
  "error.internal": "Something unexpected happened. Please try again in a moment.",
} satisfies Messages;
