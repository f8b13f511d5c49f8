package dev.mcprisk.export;

import java.util.List;
import java.util.Objects;

/**
 * A whole {@code catalogue.json} read back by {@link CatalogueJsonReader#read}.
 *
 * @param header the top-level fields
 * @param servers the servers in file order
 */
public record CatalogueDocument(CatalogueHeader header, List<ExportedServer> servers) {
  public CatalogueDocument {
    Objects.requireNonNull(header, "header == null");
    servers = List.copyOf(servers == null ? List.of() : servers);
  }
}
