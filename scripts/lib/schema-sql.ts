// prisma/schema.prisma as the PostgreSQL DDL Prisma Migrate would create for it
// on an empty database: enums, tables, primary keys, unique and plain indexes,
// foreign keys, with Prisma's names and defaults. Prisma 7's own renderer lives
// in its native schema engine, which cannot be downloaded here (README, "Why
// migrations are applied by our own script"), so this reads the schema with a
// public parser (@mrleebo/prisma-ast) and refuses any attribute it does not
// know rather than guess (the parser stays on 0.13: later versions load an
// ESM-only chevrotain from a CommonJS build, which fails under Node and tsx).
// tests/unit/schema-drift.test.ts proves the result
// equals the database the migrations build; `npm run db:diff` diffs the two.
import {
  getSchema,
  type Attribute,
  type AttributeArgument,
  type BlockAttribute,
  type Field,
  type Func,
  type KeyValue,
  type Value,
} from "@mrleebo/prisma-ast";

const SCALARS: Record<string, string> = {
  String: "TEXT",
  Boolean: "BOOLEAN",
  Int: "INTEGER",
  BigInt: "BIGINT",
  Float: "DOUBLE PRECISION",
  Decimal: "DECIMAL(65,30)",
  DateTime: "TIMESTAMP(3)",
  Json: "JSONB",
  Bytes: "BYTEA",
};
/** The @db.* native types this schema may use. */
const NATIVE: Record<string, (args: string[]) => string> = {
  VarChar: (args) => `VARCHAR(${args[0]})`,
  Char: (args) => `CHAR(${args[0]})`,
  Text: () => "TEXT",
  Uuid: () => "UUID",
  SmallInt: () => "SMALLINT",
  Timestamptz: (args) => `TIMESTAMPTZ(${args[0] ?? 3})`,
  Date: () => "DATE",
};
const ACTIONS: Record<string, string> = {
  Cascade: "CASCADE",
  Restrict: "RESTRICT",
  NoAction: "NO ACTION",
  SetNull: "SET NULL",
  SetDefault: "SET DEFAULT",
};

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;
const columns = (names: string[]) => names.map(q).join(", ");

class SchemaError extends Error {
  constructor(where: string, message: string) {
    super(
      `prisma/schema.prisma, ${where}: ${message} (scripts/lib/schema-sql.ts does not render it; write the migration by hand and teach the renderer)`,
    );
  }
}

function isKeyValue(value: AttributeArgument["value"]): value is KeyValue {
  return (
    typeof value === "object" && value !== null && !Array.isArray(value) && (value as KeyValue).type === "keyValue"
  );
}
function isFunc(value: unknown): value is Func {
  return typeof value === "object" && value !== null && !Array.isArray(value) && (value as Func).type === "function";
}
/** A Prisma string literal ("…") as its value. */
function stringValue(value: Value, where: string): string {
  if (typeof value === "string" && value.startsWith('"')) return JSON.parse(value) as string;
  throw new SchemaError(where, `expected a string, got ${JSON.stringify(value)}`);
}
/** The names in [a, b]; a name with arguments (sort, length, ops) is refused. */
function nameList(value: Value | undefined, where: string): string[] {
  if (typeof value !== "object" || value === null || Array.isArray(value) || value.type !== "array")
    throw new SchemaError(where, "expected a list of fields");
  return (value.args ?? []).map((item) => {
    if (typeof item !== "string")
      throw new SchemaError(where, `field arguments are not supported: ${JSON.stringify(item)}`);
    return item;
  });
}
/** Positional and named arguments of an attribute; unknown names are refused. */
function argumentsOf(attribute: Attribute | BlockAttribute, allowed: string[], where: string) {
  const positional: Value[] = [];
  const named: Record<string, Value> = {};
  for (const argument of attribute.args ?? []) {
    if (isKeyValue(argument.value)) {
      if (!allowed.includes(argument.value.key))
        throw new SchemaError(where, `@${attribute.name}(${argument.value.key}: …) is not supported`);
      named[argument.value.key] = argument.value.value;
    } else positional.push(argument.value as Value);
  }
  return { positional, named };
}

type Column = { name: string; sql: string };
type Table = {
  model: string;
  name: string;
  columns: Column[];
  primaryKey: string[];
  uniques: string[][];
  /** Columns, and the access method when not the default btree (`@@index([...], type: Brin)`). */
  indexes: { columns: string[]; using?: string }[];
  /** references: column names in the referenced model's table. */
  foreignKeys: { columns: string[]; model: string; references: string[]; onDelete: string; onUpdate: string }[];
};

/** The DDL that creates prisma/schema.prisma's database on an empty PostgreSQL schema. */
export function renderSchemaSql(schemaText: string): string {
  const schema = getSchema(schemaText);
  const enums = new Map<string, string[]>();
  const models = new Map<string, { name: string; fields: Field[]; attributes: BlockAttribute[] }>();
  for (const block of schema.list) {
    if (block.type === "enum") {
      if (block.enumerators.some((item) => item.type === "attribute"))
        throw new SchemaError(`enum ${block.name}`, "enum attributes are not supported");
      enums.set(
        block.name,
        block.enumerators.flatMap((item) => (item.type === "enumerator" ? [item.name] : [])),
      );
    } else if (block.type === "model") {
      const fields = block.properties.filter((item): item is Field => item.type === "field");
      const attributes = block.properties.filter((item): item is BlockAttribute => item.type === "attribute");
      const map = attributes.find((attribute) => attribute.name === "map");
      models.set(block.name, {
        name: map ? stringValue(map.args[0].value as Value, `model ${block.name}`) : block.name,
        fields,
        attributes,
      });
    } else if (block.type === "view" || block.type === "type")
      throw new SchemaError(`${block.type} ${block.name}`, `${block.type} blocks are not supported`);
  }

  const columnName = (modelName: string, fieldName: string) => {
    const field = models.get(modelName)!.fields.find((candidate) => candidate.name === fieldName);
    if (!field) throw new SchemaError(`model ${modelName}`, `unknown field ${fieldName}`);
    const map = field.attributes?.find((attribute) => attribute.name === "map" && !attribute.group);
    return map ? stringValue(map.args![0].value as Value, `${modelName}.${fieldName}`) : fieldName;
  };
  const tables: Table[] = [];
  for (const [modelName, model] of models) {
    const table: Table = {
      model: modelName,
      name: model.name,
      columns: [],
      primaryKey: [],
      uniques: [],
      indexes: [],
      foreignKeys: [],
    };
    const columnOf = (fieldName: string) => columnName(modelName, fieldName);
    for (const field of model.fields) {
      const where = `${modelName}.${field.name}`;
      if (typeof field.fieldType !== "string") throw new SchemaError(where, "Unsupported(...) types are not supported");
      const attributes = field.attributes ?? [];
      const related = models.get(field.fieldType);
      if (related) {
        for (const attribute of attributes)
          if (attribute.name !== "relation") throw new SchemaError(where, `@${attribute.name} on a relation field`);
        const relation = attributes.find((attribute) => attribute.name === "relation");
        if (!relation) continue;
        const { named } = argumentsOf(relation, ["fields", "references", "onDelete", "onUpdate", "name"], where);
        if (!named.fields) continue; // the other side of the relation
        const fields = nameList(named.fields, where);
        const required = fields.every((name) => !model.fields.find((candidate) => candidate.name === name)?.optional);
        const action = (value: Value | undefined, fallback: string) => {
          if (value === undefined) return fallback;
          if (typeof value !== "string" || !ACTIONS[value])
            throw new SchemaError(where, `unknown referential action ${JSON.stringify(value)}`);
          return ACTIONS[value];
        };
        table.foreignKeys.push({
          columns: fields.map(columnOf),
          model: field.fieldType,
          references: nameList(named.references, where).map((name) => columnName(field.fieldType as string, name)),
          onDelete: action(named.onDelete, required ? "RESTRICT" : "SET NULL"),
          onUpdate: action(named.onUpdate, "CASCADE"),
        });
        continue;
      }
      const enumType = enums.has(field.fieldType) ? q(field.fieldType) : undefined;
      let type = enumType ?? SCALARS[field.fieldType];
      if (!type) throw new SchemaError(where, `unknown type ${field.fieldType}`);
      let defaultSql: string | undefined;
      for (const attribute of attributes) {
        if (attribute.group === "db") {
          const native = NATIVE[attribute.name];
          if (!native) throw new SchemaError(where, `@db.${attribute.name} is not supported`);
          type = native((attribute.args ?? []).map((argument) => String(argument.value)));
        } else if (attribute.name === "id") {
          argumentsOf(attribute, [], where);
          table.primaryKey = [columnOf(field.name)];
        } else if (attribute.name === "unique") {
          argumentsOf(attribute, [], where);
          table.uniques.push([columnOf(field.name)]);
        } else if (attribute.name === "default") {
          const { positional } = argumentsOf(attribute, [], where);
          const value = positional[0];
          if (isFunc(value)) {
            if (value.name === "autoincrement") type = field.fieldType === "BigInt" ? "BIGSERIAL" : "SERIAL";
            else if (value.name === "now") defaultSql = "CURRENT_TIMESTAMP";
            else if (value.name === "dbgenerated") defaultSql = stringValue(value.params![0], where);
            else if (!["cuid", "uuid", "nanoid", "ulid"].includes(value.name))
              throw new SchemaError(where, `@default(${value.name}()) is not supported`);
          } else if (typeof value === "object" && value !== null && !Array.isArray(value) && value.type === "array") {
            if (value.args?.length) throw new SchemaError(where, "only an empty list default is supported");
            defaultSql = `ARRAY[]::${type}[]`;
          } else if (typeof value === "string" && value.startsWith('"'))
            defaultSql = literal(stringValue(value, where));
          else if (enumType) defaultSql = literal(String(value));
          else defaultSql = String(value);
        } else if (attribute.name === "updatedAt" || attribute.name === "map") continue;
        else throw new SchemaError(where, `@${attribute.name} is not supported`);
      }
      // Prisma leaves list columns nullable; a list is never optional in the schema.
      const sql = `${q(columnOf(field.name))} ${type}${field.array ? "[]" : ""}${field.optional || field.array ? "" : " NOT NULL"}${defaultSql ? ` DEFAULT ${defaultSql}` : ""}`;
      table.columns.push({ name: columnOf(field.name), sql });
    }
    for (const attribute of model.attributes) {
      const where = `model ${modelName} @@${attribute.name}`;
      if (attribute.name === "map") continue;
      const { positional, named } = argumentsOf(attribute, attribute.name === "index" ? ["type"] : [], where);
      const list = nameList(positional[0], where).map(columnOf);
      if (attribute.name === "id") table.primaryKey = list;
      else if (attribute.name === "unique") table.uniques.push(list);
      else if (attribute.name === "index") {
        const type = named.type;
        if (type !== undefined && type !== "BTree" && type !== "Brin")
          throw new SchemaError(where, `type: ${JSON.stringify(type)} is not supported (BTree, Brin)`);
        table.indexes.push({ columns: list, using: type === "Brin" ? "brin" : undefined });
      } else throw new SchemaError(where, "not supported");
    }
    tables.push(table);
  }

  const tableName = (model: string) => models.get(model)!.name;
  const named = (name: string) => {
    if (name.length > 63)
      throw new SchemaError(
        name,
        "a generated name longer than 63 characters (PostgreSQL would cut it): give it a map: name",
      );
    return q(name);
  };
  const statements: string[] = [];
  for (const [name, values] of enums)
    statements.push(`-- CreateEnum\nCREATE TYPE ${q(name)} AS ENUM (${values.map(literal).join(", ")});`);
  for (const table of tables) {
    const lines = table.columns.map((column) => `    ${column.sql}`);
    // A model may have no @id when it has a @@unique (Auth.js's VerificationToken).
    if (table.primaryKey.length)
      lines.push(`\n    CONSTRAINT ${named(`${table.name}_pkey`)} PRIMARY KEY (${columns(table.primaryKey)})`);
    statements.push(`-- CreateTable\nCREATE TABLE ${q(table.name)} (\n${lines.join(",\n")}\n);`);
  }
  for (const table of tables) {
    for (const index of table.indexes)
      statements.push(
        `-- CreateIndex\nCREATE INDEX ${named(`${table.name}_${index.columns.join("_")}_idx`)} ON ${q(table.name)}${index.using ? ` USING ${index.using} ` : ""}(${columns(index.columns)});`,
      );
    for (const list of table.uniques)
      statements.push(
        `-- CreateIndex\nCREATE UNIQUE INDEX ${named(`${table.name}_${list.join("_")}_key`)} ON ${q(table.name)}(${columns(list)});`,
      );
  }
  for (const table of tables) {
    for (const key of table.foreignKeys) {
      statements.push(
        `-- AddForeignKey\nALTER TABLE ${q(table.name)} ADD CONSTRAINT ${named(`${table.name}_${key.columns.join("_")}_fkey`)} FOREIGN KEY (${columns(key.columns)}) REFERENCES ${q(tableName(key.model))}(${columns(key.references)}) ON DELETE ${key.onDelete} ON UPDATE ${key.onUpdate};`,
      );
    }
  }
  return statements.join("\n\n") + "\n";
}
