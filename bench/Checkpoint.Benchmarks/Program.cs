using System.Diagnostics;
using Checkpoint.Core.Notes;
using Checkpoint.Core.Tests.Notes;

// Measures the note language service on a generated 1 MB day (2,000 entries):
//   dotnet run -c Release --project bench/Checkpoint.Benchmarks [entries] [rounds]
// Prints the cold first parse (JIT included), then the best and median of warm runs, because
// on a shared machine the minimum is the closest to the code's own cost.
var entries = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 2000;
var rounds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 30;

var text = LargeNoteGenerator.Generate(entries);
var service = new NoteLanguageService(new NoteLanguageServiceOptions { WorkspaceRoot = Path.GetTempPath() });
Console.WriteLine($"note: {text.Length / 1024} KiB, {entries} entries, {Environment.ProcessorCount} cores, load {LoadAverage()}");

var cold = Stopwatch.StartNew();
var first = service.GetDocument(new NoteTextDocument("bench", 0, text));
cold.Stop();
var coldLenses = Stopwatch.StartNew();
service.GetCodeLenses(new NoteTextDocument("bench", 0, text));
coldLenses.Stop();
Console.WriteLine($"cold (first call, JIT included): parse {cold.Elapsed.TotalMilliseconds:F1} ms, then lenses {coldLenses.Elapsed.TotalMilliseconds:F2} ms");

Report("parse (new version each round)", version => service.GetDocument(new NoteTextDocument("bench", version, text)).Entries.Count);
var cached = new NoteTextDocument("bench", -1, text);
service.GetDocument(cached);
Report("code lenses (cached parse)", _ => service.GetCodeLenses(cached).Count);
Report("document symbols (cached parse)", _ => service.GetDocumentSymbols(cached).Count);
Report("diagnostics (cached parse)", _ => service.GetDiagnostics(cached).Count);
Console.WriteLine($"entries parsed: {first.Entries.Count}");

void Report(string what, Func<int, int> run)
{
    var times = new List<double>(rounds);
    var result = 0;
    for (var round = 1; round <= rounds; round++)
    {
        var watch = Stopwatch.StartNew();
        result = run(round);
        times.Add(watch.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    Console.WriteLine($"{what}: best {times[0]:F2} ms, median {times[times.Count / 2]:F2} ms ({result} results, {rounds} rounds)");
}

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
