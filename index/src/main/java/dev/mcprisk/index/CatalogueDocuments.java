package dev.mcprisk.index;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcprisk.model.AssessedTool;
import dev.mcprisk.model.Assessment;
import dev.mcprisk.model.CatalogueServer;
import dev.mcprisk.model.Remote;
import dev.mcprisk.model.ServerEntry;
import dev.mcprisk.model.ServerPackage;
import dev.mcprisk.model.Signal;
import dev.mcprisk.model.ToolDefinition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.IntField;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.util.BytesRef;

/**
 * Turns a {@link CatalogueServer} into its Lucene documents (the field model of {@code
 * package-info.java}).
 *
 * <p>Thread-safe: stateless.
 */
final class CatalogueDocuments {
  /** Riskiest first: risk level, then score, then category danger. */
  static final Comparator<Assessment> RISK_ORDER =
      Comparator.comparing(Assessment::riskLevel)
          .thenComparingInt(Assessment::score)
          .thenComparingInt(a -> a.category().danger());

  /**
   * The description: stored, with offsets in the postings so the highlighter reads match offsets
   * from the index instead of re-analyzing the text.
   */
  static final FieldType DESCRIPTION_TYPE = descriptionType();

  private CatalogueDocuments() {}

  private static FieldType descriptionType() {
    FieldType type = new FieldType(TextField.TYPE_STORED);
    type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    type.freeze();
    return type;
  }

  /** The {@link IndexFields#ID} of a tool document: {@code tool:<server id>#<tool name>}. */
  static String toolId(String serverId, String toolName) {
    return "tool:" + serverId + "#" + toolName;
  }

  /** The {@link IndexFields#ID} of a server document: {@code server:<server id>}. */
  static String serverId(String serverId) {
    return "server:" + serverId;
  }

  /** The server document. */
  static Document server(CatalogueServer catalogueServer) {
    ServerEntry server = catalogueServer.server();
    Document doc = new Document();
    doc.add(new KeywordField(IndexFields.ID, serverId(server.id()), Field.Store.YES));
    doc.add(new KeywordField(IndexFields.TYPE, IndexFields.TYPE_SERVER, Field.Store.YES));
    doc.add(new KeywordField(IndexFields.SERVER_ID, server.id(), Field.Store.YES));
    addText(doc, IndexFields.NAME, server.name());
    addText(doc, IndexFields.TITLE, server.title());
    addDescription(doc, server.description());
    Optional<Assessment> riskiest =
        catalogueServer.tools().stream().map(AssessedTool::assessment).max(RISK_ORDER);
    riskiest.ifPresent(a -> addAssessment(doc, a));
    Set<String> signals = new LinkedHashSet<>();
    catalogueServer.tools().forEach(t -> signals.addAll(t.assessment().signalIds()));
    signals.forEach(id -> doc.add(new KeywordField(IndexFields.SIGNAL, lower(id), Field.Store.NO)));
    addKeywords(doc, IndexFields.REGISTRY_TYPE, registryTypes(server));
    addKeywords(doc, IndexFields.TRANSPORT, transports(server));
    return doc;
  }

  /** The document of one tool of {@code catalogueServer}. */
  static Document tool(CatalogueServer catalogueServer, AssessedTool assessed) {
    ServerEntry server = catalogueServer.server();
    ToolDefinition tool = assessed.tool();
    Document doc = new Document();
    doc.add(new KeywordField(IndexFields.ID, toolId(server.id(), tool.name()), Field.Store.YES));
    doc.add(new KeywordField(IndexFields.TYPE, IndexFields.TYPE_TOOL, Field.Store.YES));
    doc.add(new KeywordField(IndexFields.SERVER_ID, server.id(), Field.Store.YES));
    doc.add(new StoredField(IndexFields.TOOL, tool.name()));
    addText(doc, IndexFields.NAME, tool.name());
    addText(doc, IndexFields.TITLE, tool.title());
    addDescription(doc, tool.description());
    addParameters(doc, tool.inputSchema());
    addText(doc, IndexFields.SERVER_NAME, server.name());
    addText(doc, IndexFields.SERVER_DESCRIPTION, server.description());
    Assessment assessment = assessed.assessment();
    addAssessment(doc, assessment);
    Set<String> signals = new LinkedHashSet<>();
    for (Signal signal : assessment.signals()) {
      signals.add(lower(signal.id()));
    }
    addKeywords(doc, IndexFields.SIGNAL, signals);
    Set<String> registryTypes = registryTypes(server);
    Set<String> transports = transports(server);
    addKeywords(doc, IndexFields.REGISTRY_TYPE, registryTypes);
    addKeywords(doc, IndexFields.TRANSPORT, transports);
    doc.add(
        new SortedDocValuesField(
            IndexFields.FACETS,
            new BytesRef(
                FacetKey.encode(
                    List.of(
                        List.of(assessment.category().label()),
                        List.of(assessment.riskLevel().label()),
                        List.copyOf(signals),
                        List.copyOf(registryTypes),
                        List.copyOf(transports))))));
    return doc;
  }

  /** Distinct lower-case {@code packages[].registryType}, in entry order. */
  static Set<String> registryTypes(ServerEntry server) {
    Set<String> types = new LinkedHashSet<>();
    for (ServerPackage pkg : server.packages()) {
      if (!pkg.registryType().isBlank()) {
        types.add(lower(pkg.registryType().strip()));
      }
    }
    return types;
  }

  /** Distinct lower-case {@code packages[].transportType} and {@code remotes[].type}. */
  static Set<String> transports(ServerEntry server) {
    Set<String> transports = new LinkedHashSet<>();
    for (ServerPackage pkg : server.packages()) {
      if (pkg.transportType() != null && !pkg.transportType().isBlank()) {
        transports.add(lower(pkg.transportType().strip()));
      }
    }
    for (Remote remote : server.remotes()) {
      if (!remote.type().isBlank()) {
        transports.add(lower(remote.type().strip()));
      }
    }
    return transports;
  }

  private static void addKeywords(Document doc, String field, Set<String> values) {
    for (String value : values) {
      doc.add(new KeywordField(field, value, Field.Store.NO));
    }
  }

  /** Top-level {@code inputSchema.properties}: names and descriptions, in schema order. */
  private static void addParameters(Document doc, JsonNode inputSchema) {
    if (inputSchema == null || !inputSchema.path("properties").isObject()) {
      return;
    }
    int count = 0;
    Iterator<Map.Entry<String, JsonNode>> properties = inputSchema.get("properties").fields();
    while (properties.hasNext() && count++ < IndexDefaults.MAX_PARAMETERS) {
      Map.Entry<String, JsonNode> property = properties.next();
      addText(doc, IndexFields.PARAMETER_NAMES, property.getKey());
      doc.add(new StoredField(IndexFields.PARAMETER_NAMES_STORED, property.getKey()));
      JsonNode description = property.getValue().path("description");
      if (description.isTextual()) {
        addText(doc, IndexFields.PARAMETER_DESCRIPTIONS, description.asText());
      }
    }
  }

  private static void addAssessment(Document doc, Assessment assessment) {
    doc.add(
        new KeywordField(
            IndexFields.CATEGORY, lower(assessment.category().label()), Field.Store.YES));
    doc.add(
        new KeywordField(
            IndexFields.RISK_LEVEL, lower(assessment.riskLevel().label()), Field.Store.YES));
    doc.add(new IntField(IndexFields.SCORE, assessment.score(), Field.Store.YES));
  }

  private static void addText(Document doc, String field, String text) {
    if (text != null && !text.isBlank()) {
      doc.add(new TextField(field, text, Field.Store.NO));
    }
  }

  private static void addDescription(Document doc, String text) {
    if (text != null && !text.isBlank()) {
      doc.add(new Field(IndexFields.DESCRIPTION, text, DESCRIPTION_TYPE));
    }
  }

  private static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }

  /** All documents of a server: the server first, then its tools in list order. */
  static List<Document> all(CatalogueServer catalogueServer) {
    List<Document> docs = new ArrayList<>(catalogueServer.tools().size() + 1);
    docs.add(server(catalogueServer));
    catalogueServer.tools().forEach(t -> docs.add(tool(catalogueServer, t)));
    return docs;
  }
}
