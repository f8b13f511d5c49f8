/**
 * The catalogue store's Java migrations, found by Flyway in its default location {@code
 * db/migration} beside the SQL migrations of {@code src/main/resources/db/migration} (see
 * https://documentation.red-gate.com/fd/java-based-migrations-184127624.html). A migration is
 * self-contained and never changes once released; each class says which schema version it makes and
 * why it is in Java rather than SQL ({@code V6__definitions_once}).
 */
package db.migration;
