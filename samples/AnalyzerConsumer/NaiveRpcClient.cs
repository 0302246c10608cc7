using System.Collections.Concurrent;

namespace AnalyzerConsumer;

/// <summary>An RPC client that forgets its callers when it is disposed.</summary>
public sealed class NaiveRpcClient : IDisposable
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> waiting = new();

    public Task<string> CallAsync(string id)
    {
        var reply = new TaskCompletionSource<string>();
        this.waiting.TryAdd(id, reply);
        return reply.Task;
    }

    public void OnReply(string id, string payload)
    {
        if (this.waiting.TryRemove(id, out var reply))
        {
            reply.TrySetResult(payload);
        }
    }

    // TRK006: the callers awaiting these replies wait for ever.
    public void Dispose() => this.waiting.Clear();
}
