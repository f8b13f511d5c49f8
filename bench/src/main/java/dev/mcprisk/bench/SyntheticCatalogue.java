package dev.mcprisk.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mcprisk.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A deterministic synthetic MCP catalogue built from the real parts in the bundled data (recorded
 * {@code tools/list} answers and registry entries), for {@code mcprisk bench}: one instance is one
 * <em>generation</em>; {@link #mutate} makes the next.
 *
 * <p><b>Determinism.</b> Everything derives from {@code (seed, server, purpose, ...)} through
 * {@link SplittableRandom} seeded by a SplitMix64 mix, never from hash order or the clock: the same
 * {@code (servers, seed)} and the same mutations give a byte-identical {@link #writeTo serialised
 * form} ({@link #sha256()}).
 *
 * <p><b>Tools per server</b> (heavy-tailed): with probability {@link #TAIL_PROBABILITY} log-uniform
 * in [{@link #TAIL_MIN_TOOLS}, {@link #MAX_TOOLS_PER_SERVER}], else a discretised log-normal,
 * {@code max(1, round(exp(ln(MEDIAN_TOOLS) + SIGMA * Z)))} with {@link #MEDIAN_TOOLS} 8 and {@link
 * #SIGMA} 0.8: median 8, mean about 11.6 (43,000 servers give about 500,000 tools), about 90
 * servers in 43,000 with more than 100 tools and a maximum near 1,000.
 *
 * <p><b>Memory.</b> Nothing per tool is held: a server's tools are made on demand from {@code
 * (seed, n)}; per server only its revision and last-changed generation (two ints) and the sorted
 * name index (shared by all generations) are kept, about 4 MB at 43,000 servers.
 *
 * <p><b>Shape.</b> Entries are server.json 2025-12-11
 * (https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json): {@code $schema},
 * {@code name} {@code io.github.synth-<n>/<word>-mcp}, {@code description}, {@code repository},
 * {@code version}, {@code remotes: [{type: streamable-http, url: <fleetBase>/mcp/<n>}]}.
 *
 * <p>Thread-safe: immutable.
 */
public final class SyntheticCatalogue {

  /** Most servers a catalogue may hold: 1,000,000. */
  public static final int MAX_SERVERS = 1_000_000;

  /** Median tools per server (log-normal body): 8. */
  public static final double MEDIAN_TOOLS = 8;

  /** Standard deviation of ln(tools) in the log-normal body: 0.8. */
  public static final double SIGMA = 0.8;

  /** Share of servers drawn from the heavy tail: 0.15 %. */
  public static final double TAIL_PROBABILITY = 0.0015;

  /** Fewest tools of a tail server: 100. */
  public static final int TAIL_MIN_TOOLS = 100;

  /**
   * Most tools of any server in generation 0: 1,000 (well under the crawler's 100 pages of 100).
   */
  public static final int MAX_TOOLS_PER_SERVER = 1_000;

  /** The instant generation 0 is "now": entries were published in the year before it. */
  public static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

  /**
   * How far apart generations are by default: {@code updatedAt} of generation g is EPOCH + g days.
   */
  public static final Duration GENERATION_STEP = Duration.ofDays(1);

  /** Fleet base URL written in the {@link #writeTo serialised form}. */
  public static final String PLACEHOLDER_FLEET_BASE = "http://127.0.0.1:0";

  /** server.json schema the entries follow. */
  public static final String SERVER_SCHEMA =
      "https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json";

  private static final long PUBLISH_WINDOW_SECONDS = Duration.ofDays(365).toSeconds();
  private static final long UPDATE_WINDOW_SECONDS = Duration.ofDays(30).toSeconds();

  private final int servers;
  private final long seed;
  private final int generation;
  private final NameIndex names;
  private final int[] revisions;
  private final int[] changedIn;
  private final List<Instant> generationTimes;
  private final List<String> changedServers;

  private SyntheticCatalogue(
      int servers,
      long seed,
      int generation,
      NameIndex names,
      int[] revisions,
      int[] changedIn,
      List<Instant> generationTimes,
      List<String> changedServers) {
    this.servers = servers;
    this.seed = seed;
    this.generation = generation;
    this.names = names;
    this.revisions = revisions;
    this.changedIn = changedIn;
    this.generationTimes = generationTimes;
    this.changedServers = changedServers;
  }

  /**
   * Generation 0 of a catalogue of {@code servers} servers.
   *
   * @param servers 1 to {@link #MAX_SERVERS}
   * @param seed any value; the same seed gives the same catalogue
   * @throws IllegalArgumentException when {@code servers} is out of range
   */
  public static SyntheticCatalogue generate(int servers, long seed) {
    if (servers < 1 || servers > MAX_SERVERS) {
      throw new IllegalArgumentException(
          "servers must be 1 to " + MAX_SERVERS + ", was " + servers);
    }
    RealParts.get();
    return new SyntheticCatalogue(
        servers,
        seed,
        0,
        NameIndex.build(servers, seed),
        new int[servers],
        new int[servers],
        List.of(EPOCH),
        List.of());
  }

  /**
   * The next generation, in which {@code round(fraction * servers)} servers (chosen by {@code
   * mutationSeed}) changed once each: version patch + 1, {@code updatedAt} = {@link #EPOCH} +
   * {@link #GENERATION_STEP} × the new generation number, and one tool change (a description
   * changed, a tool added or a tool removed, drawn per server).
   *
   * @param fraction 0 to 1
   * @param mutationSeed chooses the servers
   * @throws IllegalArgumentException when {@code fraction} is out of range
   */
  public SyntheticCatalogue mutate(double fraction, long mutationSeed) {
    return mutate(fraction, mutationSeed, EPOCH.plus(GENERATION_STEP.multipliedBy(generation + 1)));
  }

  /**
   * As {@link #mutate(double, long)}, with the changed entries' {@code updatedAt} given (e.g. the
   * wall clock, when the consumer asks {@code updated_since} with its own clock; the serialised
   * form then depends on it).
   *
   * @param updatedAt the changed entries' {@code updatedAt}; after every earlier one
   * @throws IllegalArgumentException when {@code fraction} is out of range or {@code updatedAt} is
   *     not after the previous generation's
   */
  public SyntheticCatalogue mutate(double fraction, long mutationSeed, Instant updatedAt) {
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException("fraction must be 0 to 1, was " + fraction);
    }
    Objects.requireNonNull(updatedAt, "updatedAt == null");
    if (!updatedAt.isAfter(generationTimes.get(generationTimes.size() - 1))
        || !updatedAt.isAfter(EPOCH)) {
      throw new IllegalArgumentException("updatedAt must be after the previous generation's");
    }
    int count = (int) Math.round(fraction * servers);
    BitSet chosen = new BitSet(servers);
    SplittableRandom random = new SplittableRandom(Mix.of(seed, Mix.SELECT, mutationSeed));
    for (int j = servers - count; j < servers; j++) {
      int t = random.nextInt(j + 1);
      chosen.set(chosen.get(t) ? j : t);
    }
    int next = generation + 1;
    int[] newRevisions = revisions.clone();
    int[] newChangedIn = changedIn.clone();
    List<String> changed = new ArrayList<>(count);
    for (int i = chosen.nextSetBit(0); i >= 0; i = chosen.nextSetBit(i + 1)) {
      newRevisions[i]++;
      newChangedIn[i] = next;
      changed.add(names.name(i));
    }
    changed.sort(null);
    List<Instant> times = new ArrayList<>(generationTimes);
    times.add(updatedAt);
    return new SyntheticCatalogue(
        servers,
        seed,
        next,
        names,
        newRevisions,
        newChangedIn,
        List.copyOf(times),
        List.copyOf(changed));
  }

  /** Number of servers. */
  public int servers() {
    return servers;
  }

  /** The seed of generation 0. */
  public long seed() {
    return seed;
  }

  /** 0 for {@link #generate}, +1 per {@link #mutate}. */
  public int generation() {
    return generation;
  }

  /** Names of the servers changed by the {@link #mutate} that made this generation, sorted. */
  public List<String> changedServers() {
    return changedServers;
  }

  /** Server index at position {@code position} of the name order (0 .. servers-1). */
  int indexAtPosition(int position) {
    return names.order[position];
  }

  /**
   * First position in the name order whose name is greater than {@code name} (the registry's
   * cursor); {@link #servers()} when none.
   */
  int positionAfter(String name) {
    int found = Arrays.binarySearch(names.sorted, name);
    return found >= 0 ? found + 1 : -found - 1;
  }

  /** The server name of index {@code n}. */
  public String name(int n) {
    return names.name(checked(n));
  }

  /** {@code updatedAt} of server {@code n} in this generation (cheaper than {@link #server}). */
  public Instant updatedAt(int n) {
    checked(n);
    if (revisions[n] > 0) {
      return generationTimes.get(changedIn[n]);
    }
    return baseTimes(n)[1];
  }

  /** The registry facts of server {@code n}. */
  public SyntheticServer server(int n) {
    checked(n);
    SplittableRandom random = new SplittableRandom(Mix.of(seed, Mix.META, n));
    RealParts parts = RealParts.get();
    String word = names.word(n);
    String description =
        parts.serverDescriptions.get(random.nextInt(parts.serverDescriptions.size()));
    if (description.length() > RealParts.MAX_SERVER_DESCRIPTION) {
      description = description.substring(0, RealParts.MAX_SERVER_DESCRIPTION).strip();
    }
    int major = random.nextInt(3);
    int minor = random.nextInt(20);
    int patch = random.nextInt(30) + revisions[n];
    Instant[] times = baseTimes(n);
    Instant updated = revisions[n] > 0 ? generationTimes.get(changedIn[n]) : times[1];
    return new SyntheticServer(
        n,
        names.name(n),
        description.isEmpty() ? word + " MCP server" : description,
        major + "." + minor + "." + patch,
        "https://github.com/synth-" + n + "/" + word + "-mcp",
        times[0],
        updated,
        revisions[n],
        ServerTools.replay(seed, n, revisions[n]).size());
  }

  /**
   * The server.json of server {@code n} (current shape, see the class comment).
   *
   * @param fleetBase scheme, host and port of the fleet, without a trailing slash
   */
  public ObjectNode entry(int n, String fleetBase) {
    return entry(server(n), fleetBase);
  }

  /** The server.json of {@code server}; see {@link #entry(int, String)}. */
  public static ObjectNode entry(SyntheticServer server, String fleetBase) {
    ObjectNode entry = Json.object();
    entry.put("$schema", SERVER_SCHEMA);
    entry.put("name", server.name());
    entry.put("description", server.description());
    ObjectNode repository = entry.putObject("repository");
    repository.put("url", server.repositoryUrl());
    repository.put("source", "github");
    entry.put("version", server.version());
    ObjectNode remote = entry.putArray("remotes").addObject();
    remote.put("type", "streamable-http");
    remote.put("url", fleetBase + "/mcp/" + server.index());
    return entry;
  }

  /** Number of tools of server {@code n} (no tool is materialised). */
  public int toolCount(int n) {
    return ServerTools.replay(seed, checked(n), revisions[n]).size();
  }

  /**
   * Every tool of server {@code n}, in {@code tools/list} order. Each call makes new tool objects,
   * but nested schema nodes are shared with the bundled templates: read-only (copy before changing;
   * {@link dev.mcprisk.model.ToolDefinition} copies).
   */
  public List<ObjectNode> tools(int n) {
    return tools(n, 0, Integer.MAX_VALUE);
  }

  /**
   * Tools {@code from} (inclusive) to {@code to} (exclusive, clipped to the count) of server {@code
   * n}; read-only, as {@link #tools(int)}.
   */
  public List<ObjectNode> tools(int n, int from, int to) {
    ServerTools state = ServerTools.replay(seed, checked(n), revisions[n]);
    if (from < 0 || from > to) {
      throw new IllegalArgumentException("bad range " + from + ".." + to);
    }
    return state.materialise(from, Math.min(to, state.size()));
  }

  /** Total tools over all servers (replays every server; no tool is materialised). */
  public long totalTools() {
    long total = 0;
    for (int n = 0; n < servers; n++) {
      total += toolCount(n);
    }
    return total;
  }

  /**
   * Writes the whole generation as JSON Lines, servers in index order: {@code {"server": <entry
   * with fleet base PLACEHOLDER_FLEET_BASE>, "_meta": {"publishedAt", "updatedAt"}, "tools":
   * [...]}}. Streams: memory does not grow with the catalogue.
   *
   * @throws UncheckedIOException when {@code out} fails
   */
  public void writeTo(OutputStream out) {
    try (JsonGenerator generator = Json.MAPPER.getFactory().createGenerator(out)) {
      generator.setRootValueSeparator(null);
      for (int n = 0; n < servers; n++) {
        SyntheticServer server = server(n);
        generator.writeStartObject();
        generator.writeFieldName("server");
        generator.writeTree(entry(server, PLACEHOLDER_FLEET_BASE));
        generator.writeObjectFieldStart("_meta");
        generator.writeStringField("publishedAt", server.publishedAt().toString());
        generator.writeStringField("updatedAt", server.updatedAt().toString());
        generator.writeEndObject();
        generator.writeArrayFieldStart("tools");
        for (ObjectNode tool : tools(n)) {
          generator.writeTree(tool);
        }
        generator.writeEndArray();
        generator.writeEndObject();
        generator.writeRaw('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SHA-256 (lower-case hex) of {@link #writeTo the serialised form}. */
  public String sha256() {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    writeTo(new DigestOutputStream(OutputStream.nullOutputStream(), digest));
    return HexFormat.of().formatHex(digest.digest());
  }

  /** publishedAt and the generation-0 updatedAt of server {@code n}. */
  private Instant[] baseTimes(int n) {
    SplittableRandom random = new SplittableRandom(Mix.of(seed, Mix.TIMES, n));
    Instant published = EPOCH.minusSeconds(1 + random.nextLong(PUBLISH_WINDOW_SECONDS));
    long room = Duration.between(published, EPOCH).toSeconds();
    Instant updated = published.plusSeconds(random.nextLong(Math.min(room, UPDATE_WINDOW_SECONDS)));
    return new Instant[] {published, updated};
  }

  private int checked(int n) {
    if (n < 0 || n >= servers) {
      throw new IndexOutOfBoundsException("server " + n + " of " + servers);
    }
    return n;
  }

  /** Names in index order and in sorted order, shared by every generation of one catalogue. */
  private static final class NameIndex {
    final long seed;
    final String[] sorted;
    final int[] order;

    private NameIndex(long seed, String[] sorted, int[] order) {
      this.seed = seed;
      this.sorted = sorted;
      this.order = order;
    }

    static NameIndex build(int servers, long seed) {
      NameIndex plain = new NameIndex(seed, null, null);
      Integer[] indices = new Integer[servers];
      String[] all = new String[servers];
      for (int n = 0; n < servers; n++) {
        indices[n] = n;
        all[n] = plain.name(n);
      }
      Arrays.sort(indices, (a, b) -> all[a].compareTo(all[b]));
      String[] sorted = new String[servers];
      int[] order = new int[servers];
      for (int p = 0; p < servers; p++) {
        order[p] = indices[p];
        sorted[p] = all[indices[p]];
      }
      return new NameIndex(seed, sorted, order);
    }

    String word(int n) {
      return ServerTools.word(seed, n);
    }

    String name(int n) {
      return "io.github.synth-" + n + "/" + word(n) + "-mcp";
    }
  }
}
