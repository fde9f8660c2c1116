using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace Identomat.Sdk.Diagnostics;

/// <summary>
/// What the vendor sent that this SDK version does not model, and tolerated: an unknown property of a modelled result
/// object (not of an open object such as a page's OCR fields, which holds unknown names by design), an unknown open
/// value (a status, a document type) and an unknown callback type. Each is counted on <c>identomat.client.unknown</c>
/// with its kind and name as tags, and logged once per name per process by the client or parser that read it, so a
/// team learns the day the vendor adds something. Never a value. Bounded against a hostile server: a name is reported
/// only when it is a plain token (<see cref="ServerText.Token"/>: at most 64 characters of <c>[A-Za-z0-9_.-]</c>, and
/// no key of the reader that saw it), and at most <see cref="MaxNamesPerKind"/> distinct names per kind per process;
/// anything else is <c>(other)</c>.
/// </summary>
internal static class Drift
{
    public const string Property = "property";
    public const string Value = "value";
    public const string Callback = "callback";
    public const string Other = "(other)";
    public const int MaxNamesPerKind = 100;

    private static readonly Counter<long> Unknown = IdentomatDiagnostics.Meter.CreateCounter<long>(
        "identomat.client.unknown", unit: "{item}", description: "Properties, values and callback types the vendor sent that the SDK does not model.");

    private static readonly Dictionary<string, HashSet<string>> Names = new(StringComparer.Ordinal);
    private static readonly HashSet<(string Kind, string Name)> Logged = [];

    // The read running on this thread: its secrets, and what it saw, for its reader to log (a read is synchronous: see Watch).
    [ThreadStatic]
    private static (IEnumerable<string?> Secrets, List<(string Kind, string Name)> Seen)? t_read;

    /// <summary>Counts one unknown item, and remembers it for the read being watched on this thread.</summary>
    /// <param name="kind">What it is: <see cref="Property"/>, <see cref="Value"/> or <see cref="Callback"/>.</param>
    /// <param name="name">The name the vendor sent.</param>
    /// <param name="owner">The SDK's type it belongs to, prefixed with a dot (<c>Person.middle_name</c>); null for a callback type.</param>
    public static void Saw(string kind, string name, string? owner = null)
    {
        var shown = Bounded(kind, name.Length == 0 || owner is null ? name : owner + "." + name, t_read?.Secrets ?? []);
        Unknown.Add(1, new KeyValuePair<string, object?>("identomat.unknown.kind", kind), new KeyValuePair<string, object?>("identomat.unknown.name", shown));
        t_read?.Seen.Add((kind, shown));
    }

    /// <summary>
    /// Runs a synchronous read and logs, once per process, each unknown name it saw. Without a logger only the
    /// counter sees them (and a later read with one logs them).
    /// </summary>
    /// <param name="logger">The reader's logger, if any.</param>
    /// <param name="secrets">The reader's keys and tokens: a name holding one is reported as <see cref="Other"/>.</param>
    /// <param name="read">The read.</param>
    public static T Watch<T>(ILogger? logger, IEnumerable<string?> secrets, Func<T> read)
    {
        var outer = t_read;
        var current = (Secrets: secrets, Seen: new List<(string Kind, string Name)>());
        t_read = current;
        try
        {
            return read();
        }
        finally
        {
            t_read = outer;
            outer?.Seen.AddRange(current.Seen);
            if (logger is not null && current.Seen.Count > 0)
            {
                foreach (var (kind, name) in current.Seen.Distinct().Where(FirstTime))
                {
                    Log.UnknownFromVendor(logger, kind, name);
                }
            }
        }
    }

    /// <summary>Forgets every name seen and logged (tests of the process-wide bounds).</summary>
    internal static void Reset()
    {
        lock (Names)
        {
            Names.Clear();
            Logged.Clear();
        }
    }

    private static string Bounded(string kind, string name, IEnumerable<string?> secrets)
    {
        if (ServerText.Token(name, c => ServerText.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-', secrets) is null)
        {
            return Other;
        }

        lock (Names)
        {
            if (!Names.TryGetValue(kind, out var names))
            {
                Names[kind] = names = new HashSet<string>(StringComparer.Ordinal);
            }

            return names.Contains(name) || (names.Count < MaxNamesPerKind && names.Add(name)) ? name : Other;
        }
    }

    private static bool FirstTime((string Kind, string Name) item)
    {
        lock (Names)
        {
            return Logged.Add(item);
        }
    }
}
