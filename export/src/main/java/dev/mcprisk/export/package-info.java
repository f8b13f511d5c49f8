/**
 * The exports of the catalogue: {@code catalogue.json} and {@code catalogue.ndjson} (schema {@code
 * catalogue.schema.json}, bundled in the jar), and one Intercept YAML and one PolicyLayer JSON
 * policy file per server with tools.
 *
 * <p>Entry point: {@link dev.mcprisk.export.Exporter} ({@code writeAll}, the export folder of
 * {@code mcprisk run}, swapped in as a whole; {@code update}, the same folder brought up to date in
 * place; {@code export}, one {@link dev.mcprisk.export.ExportFormat} of {@code mcprisk export}),
 * configured by {@link dev.mcprisk.export.ExportOptions} and reporting {@link
 * dev.mcprisk.export.ExportStats}. The formats: {@link dev.mcprisk.export.CatalogueJsonWriter} and
 * {@link dev.mcprisk.export.CatalogueJsonReader}, {@link dev.mcprisk.export.InterceptPolicyWriter}
 * with {@link dev.mcprisk.export.InterceptPolicyValidator}, {@link
 * dev.mcprisk.export.PolicyLayerWriter}; file names from {@link
 * dev.mcprisk.export.ExportFileNames}. The package-private parts of an export (policy file writing,
 * the policy thread, the folder swap, the update's counts) are listed in {@link
 * dev.mcprisk.export.Exporter}.
 *
 * <p>What each tool's rule is comes from {@code dev.mcprisk.export.policy}.
 */
package dev.mcprisk.export;
