package dev.mcprisk.classifier;

import dev.mcprisk.model.Category;
import java.util.List;

/**
 * One thing a tool can do, as read from one piece of evidence.
 *
 * @param category the category of the action after verb rules and the financial check
 * @param verb the lexicon verb that named it (base form)
 * @param word the word as it appeared
 * @param objects the object words that went with it
 * @param where a phrase saying where it was found, e.g. "the name 'delete_entities'"
 * @param rules ids of the rules that fired to get here, in order
 * @param notes clauses for the rationale explaining each rule beyond the verb, in order
 */
record Action(
    Category category,
    String verb,
    String word,
    List<String> objects,
    String where,
    List<String> rules,
    List<String> notes) {
  Action {
    objects = List.copyOf(objects);
    rules = List.copyOf(rules);
    notes = List.copyOf(notes);
  }
}
