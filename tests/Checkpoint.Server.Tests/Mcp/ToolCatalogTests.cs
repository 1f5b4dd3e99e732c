using System.IO.Pipelines;
using System.Text;
using System.Text.RegularExpressions;
using Checkpoint.Core;
using Checkpoint.Server.Mcp;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol.Server;

namespace Checkpoint.Server.Tests.Mcp;

/// <summary>
/// <c>tools/list</c> is answered from the precomputed <c>Mcp/tools.json</c> (so that <c>initialize</c> does not wait for
/// 14 schemas): the file must be what the tool methods derive, every listed tool must build into the tool it lists,
/// and the server's list answers must stay byte for byte what they were before the list was precomputed
/// (<c>Mcp/Golden</c>, captured from the native executable of e7c1cf1). A change to a tool changes these on purpose:
/// regenerate tools.json (the failure says from where) and the golden answers with it.
/// </summary>
[TestClass]
public sealed class ToolCatalogTests
{
    private static string Golden(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Mcp", "Golden", name));

    private static string Embedded()
    {
        using Stream stream = typeof(ToolCatalog).Assembly.GetManifestResourceStream(ToolCatalog.ResourceName)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [TestMethod]
    public void TheFileIsWhatTheToolMethodsDerive()
    {
        string derived = ToolCatalog.Serialize(ToolCatalog.Derived().Select(t => t.ProtocolTool));
        if (derived != Embedded())
        {
            string candidate = Path.Combine(Path.GetTempPath(), "checkpoint-tools.json");
            File.WriteAllText(candidate, derived);
            Assert.Fail($"server/Checkpoint.Server/Mcp/tools.json is not what the tool methods derive; the derived list is in {candidate}: " +
                        "copy it over tools.json (and update tests/Checkpoint.Server.Tests/Mcp/Golden/tools-list.response.json if the change is meant).");
        }
    }

    [TestMethod]
    public void EveryListedToolBuildsIntoTheToolItLists()
    {
        IList<ModelContextProtocol.Protocol.Tool> listed = ToolCatalog.Listed();
        Assert.HasCount(14, listed);
        List<McpServerTool> built = [.. listed.Select(t => ToolCatalog.Build(t.Name, t.OutputSchema, null, null))];
        Assert.AreEqual(ToolCatalog.Serialize(listed), ToolCatalog.Serialize(built.Select(t => t.ProtocolTool)));
        Assert.ThrowsExactly<InvalidOperationException>(() => ToolCatalog.Build("checkpoint_nothing", null, null, null));
    }

    [TestMethod]
    [DataRow("""{"tools":[{"name":"t","inputSchema":{"type":"object"},"icons":[]}]}""", "'icons'")]
    [DataRow("""{"tools":[{"name":"t","inputSchema":{"type":"object"},"annotations":{"readOnlyHint":true,"openWorld":false}}]}""", "'annotations.openWorld'")]
    public void A_field_the_reader_does_not_know_is_refused_not_dropped(string file, string named)
    {
        using var document = System.Text.Json.JsonDocument.Parse(file);
        InvalidOperationException refused = Assert.ThrowsExactly<InvalidOperationException>(() => ToolCatalog.Read(document.RootElement));
        StringAssert.Contains(refused.Message, named);
        StringAssert.Contains(refused.Message, "tool 't'");
    }

    [TestMethod]
    public async Task TheResourceTemplatesDescribedFromAttributesAreTheSdksOwn()
    {
        string root = Directory.CreateTempSubdirectory("checkpoint-catalog-").FullName;
        try
        {
            Pipe toServer = new(), toClient = new();
            var transport = new StreamServerTransport(toServer.Reader.AsStream(), toClient.Writer.AsStream(), "checkpoint-test", NullLoggerFactory.Instance);
            await using McpServer server = McpServerHost.Create(transport, new CheckpointEngine(root), NullLoggerFactory.Instance);
            List<McpServerHost.DeferredResource> deferred = [.. server.ServerOptions.ResourceCollection!.OfType<McpServerHost.DeferredResource>()];
            Assert.HasCount(2, deferred);
            var typeInfo = ModelContextProtocol.McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(ModelContextProtocol.Protocol.ResourceTemplate));
            foreach (McpServerHost.DeferredResource resource in deferred)
            {
                Assert.AreEqual(System.Text.Json.JsonSerializer.Serialize(resource.Built.ProtocolResourceTemplate, typeInfo),
                    System.Text.Json.JsonSerializer.Serialize(resource.ProtocolResourceTemplate, typeInfo));
                Assert.IsNull(resource.Built.ProtocolResource, "a templated resource has no concrete description");
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [TestMethod]
    public async Task ThePromptsDescribedFromAttributesAreTheSdksOwn()
    {
        string root = Directory.CreateTempSubdirectory("checkpoint-catalog-").FullName;
        try
        {
            Pipe toServer = new(), toClient = new();
            var transport = new StreamServerTransport(toServer.Reader.AsStream(), toClient.Writer.AsStream(), "checkpoint-test", NullLoggerFactory.Instance);
            await using McpServer server = McpServerHost.Create(transport, new CheckpointEngine(root), NullLoggerFactory.Instance);
            List<McpServerHost.DeferredPrompt> deferred = [.. server.ServerOptions.PromptCollection!.OfType<McpServerHost.DeferredPrompt>()];
            Assert.HasCount(2, deferred);
            var typeInfo = ModelContextProtocol.McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(ModelContextProtocol.Protocol.Prompt));
            foreach (McpServerHost.DeferredPrompt prompt in deferred)
            {
                Assert.AreEqual(System.Text.Json.JsonSerializer.Serialize(prompt.Built.ProtocolPrompt, typeInfo),
                    System.Text.Json.JsonSerializer.Serialize(prompt.ProtocolPrompt, typeInfo));
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [TestMethod]
    public async Task TheListAnswersAreByteForByteThoseBeforeThePrecomputedList()
    {
        string root = Directory.CreateTempSubdirectory("checkpoint-catalog-").FullName;
        try
        {
            Pipe toServer = new(), toClient = new();
            var transport = new StreamServerTransport(toServer.Reader.AsStream(), toClient.Writer.AsStream(), "checkpoint-test", NullLoggerFactory.Instance);
            await using McpServer server = McpServerHost.Create(transport, new CheckpointEngine(root), NullLoggerFactory.Instance);
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            Task running = server.RunAsync(stop.Token);
            Stream input = toServer.Writer.AsStream();
            using var output = new StreamReader(toClient.Reader.AsStream(), Encoding.UTF8);

            async Task<string> Ask(string line)
            {
                await input.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"), stop.Token);
                await input.FlushAsync(stop.Token);
                return await output.ReadLineAsync(stop.Token) ?? throw new AssertFailedException("the server closed its output");
            }

            string initialize = await Ask("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"x","version":"1"}}}""");
            Assert.AreEqual(Golden("initialize.response.json"), Regex.Replace(initialize, "\"version\":\"[^\"]*\"\\},\"instructions\"", "\"version\":\"VERSION\"},\"instructions\""));
            await input.WriteAsync(Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","method":"notifications/initialized"}""" + "\n"), stop.Token);
            Assert.AreEqual(Golden("tools-list.response.json"), await Ask("""{"jsonrpc":"2.0","id":2,"method":"tools/list","params":{}}"""));
            Assert.AreEqual(Golden("prompts-list.response.json"), await Ask("""{"jsonrpc":"2.0","id":3,"method":"prompts/list","params":{}}"""));
            Assert.AreEqual(Golden("resource-templates-list.response.json"), await Ask("""{"jsonrpc":"2.0","id":4,"method":"resources/templates/list","params":{}}"""));

            await toServer.Writer.CompleteAsync();
            await stop.CancelAsync();
            try
            {
                await running.WaitAsync(TimeSpan.FromSeconds(30));
            }
            catch (OperationCanceledException)
            {
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
