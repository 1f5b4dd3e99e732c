using Checkpoint.Core.Notes;
using Checkpoint.Core.Notes.Journal;

namespace Checkpoint.Core.Tests.Notes;

[TestClass]
public sealed class NoteAppendRequestTests
{
    private static readonly DateTimeOffset Now = new(2026, 2, 13, 14, 30, 59, TimeSpan.Zero);

    [TestMethod]
    public void Missing_date_and_time_are_today_and_now_to_the_minute()
    {
        var request = NoteAppendRequest.Parse("Emergency", 88, date: null, time: null, Now);

        Assert.AreEqual(new NoteAppendRequest(NoteFormat.Emergency, new DateOnly(2026, 2, 13), new TimeOnly(14, 30), 88), request);
    }

    [TestMethod]
    public void Given_date_and_time_are_used_as_written()
    {
        var request = NoteAppendRequest.Parse("pre-operation", null, "2025-12-31", "09:05", Now);

        Assert.AreEqual(new NoteAppendRequest(NoteFormat.PreOperation, new DateOnly(2025, 12, 31), new TimeOnly(9, 5), null), request);
    }

    [TestMethod]
    [DataRow("huge", null, null, null, "full, emergency, survival, pre-operation, quick")]
    [DataRow(null, null, null, null, "full, emergency")]
    [DataRow("quick", 101, null, null, "0 to 100")]
    [DataRow("quick", -5, null, null, "0 to 100")]
    [DataRow("quick", null, "2026-02-30", null, "YYYY-MM-DD")]
    [DataRow("quick", null, "13.02.2026", null, "YYYY-MM-DD")]
    [DataRow("quick", null, null, "25:00", "HH:MM")]
    [DataRow("quick", null, null, "2:30pm", "HH:MM")]
    public void Bad_input_is_an_invalid_argument_that_says_what_is_allowed(string? format, int? percent, string? date, string? time, string allowed)
    {
        var failure = Assert.ThrowsExactly<CheckpointException>(() => NoteAppendRequest.Parse(format, percent, date, time, Now));

        Assert.AreEqual(ErrorKind.InvalidArgument, failure.Kind);
        StringAssert.Contains(failure.Message, allowed);
    }
}
