/** A type in Pulumi package-schema syntax (the subset this package uses). */
export type SchemaType =
  | { type: "string" | "number" | "integer" | "boolean" }
  | { type: "array"; items: SchemaType }
  | { type: "object"; additionalProperties: SchemaType }
  | { $ref: string };

/** One property as the package schema and the docs show it: its type and the sentence. */
export interface PropertyRow {
  /** The property's type. */
  type: SchemaType;
  /** What the property is, for people. */
  description: string;
}

/** The schema types the field tables use. */
export const SCHEMA = {
  string: { type: "string" },
  number: { type: "number" },
  integer: { type: "integer" },
  boolean: { type: "boolean" },
  stringList: { type: "array", items: { type: "string" } },
  stringMap: { type: "object", additionalProperties: { type: "string" } },
} as const satisfies Record<string, SchemaType>;
