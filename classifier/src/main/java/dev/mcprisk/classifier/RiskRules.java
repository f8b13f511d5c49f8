package dev.mcprisk.classifier;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mcprisk.model.Category;
import dev.mcprisk.model.RiskLevel;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Risk level per category, escalations by signal, and the score band of each level, loaded from
 * {@code risk.json} (source: docs/taxonomy.md, "Risk level"). Immutable and thread-safe after
 * construction.
 */
final class RiskRules {
  static final String FILE = "risk.json";

  /** The base level of a category. */
  record Base(String id, Category category, RiskLevel level, String reason) {}

  /**
   * A raise of a category's level when any of the signals is present; {@code category} is null for
   * an override, which applies to every category.
   */
  record Escalation(
      String id, Category category, Set<String> anySignal, RiskLevel level, String reason) {}

  /** Inclusive score range of one risk level. */
  record Band(int min, int max) {}

  private final Map<Category, Base> base;
  private final List<Escalation> escalations;
  private final List<Escalation> overrides;
  private final Map<RiskLevel, Band> bands;

  private RiskRules(DataFile file) {
    JsonNode root = file.root();
    Map<Category, Base> baseMap = new EnumMap<>(Category.class);
    for (JsonNode rule : file.objects(root, "base", "base")) {
      String id = file.text(rule, "id", "base");
      String where = "base[" + id + "]";
      Category category = file.category(rule, "category", where);
      baseMap.put(
          category,
          new Base(
              id, category, file.level(rule, "level", where), file.text(rule, "reason", where)));
    }
    for (Category category : Category.values()) {
      if (!baseMap.containsKey(category)) {
        throw file.error("base", "no level for category " + category);
      }
    }
    this.base = baseMap;
    List<Escalation> list = new ArrayList<>();
    for (JsonNode rule : file.objects(root, "escalations", "escalations")) {
      String id = file.text(rule, "id", "escalations");
      String where = "escalations[" + id + "]";
      list.add(
          new Escalation(
              id,
              file.category(rule, "category", where),
              Set.copyOf(file.strings(rule, "anySignal", where)),
              file.level(rule, "level", where),
              file.text(rule, "reason", where)));
    }
    this.escalations = List.copyOf(list);
    List<Escalation> overrideList = new ArrayList<>();
    for (JsonNode rule : file.objects(root, "overrides", "overrides")) {
      String id = file.text(rule, "id", "overrides");
      String where = "overrides[" + id + "]";
      overrideList.add(
          new Escalation(
              id,
              null,
              Set.copyOf(file.strings(rule, "anySignal", where)),
              file.level(rule, "level", where),
              file.text(rule, "reason", where)));
    }
    this.overrides = List.copyOf(overrideList);
    Map<RiskLevel, Band> bandMap = new EnumMap<>(RiskLevel.class);
    int previousMax = -1;
    for (JsonNode band : file.objects(root, "scoreBands", "scoreBands")) {
      RiskLevel level = file.level(band, "level", "scoreBands");
      int min = file.integer(band, "min", "scoreBands[" + level + "]");
      int max = file.integer(band, "max", "scoreBands[" + level + "]");
      if (min <= previousMax || max < min || min < 0 || max > 100) {
        throw file.error(
            "scoreBands[" + level + "]",
            "bands must rise from Low to Critical without overlap, within 0..100");
      }
      previousMax = max;
      bandMap.put(level, new Band(min, max));
    }
    if (bandMap.size() != RiskLevel.values().length) {
      throw file.error("scoreBands", "needs one band per risk level");
    }
    this.bands = bandMap;
  }

  /**
   * Parses a risk file.
   *
   * @throws IllegalStateException naming the file and field when the file is bad
   */
  static RiskRules from(DataFile file) {
    return new RiskRules(file);
  }

  Base base(Category category) {
    return base.get(category);
  }

  List<Escalation> escalations() {
    return escalations;
  }

  /** Raises that apply whatever the category, after the escalations. */
  List<Escalation> overrides() {
    return overrides;
  }

  Band band(RiskLevel level) {
    return bands.get(level);
  }
}
