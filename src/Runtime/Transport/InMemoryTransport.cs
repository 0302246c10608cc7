using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using TrackerRace.Runtime.Diagnostics;
using TrackerRace.Runtime.Hosting;
using TrackerRace.Runtime.Protocol;
using TrackerRace.Runtime.Time;

namespace TrackerRace.Runtime.Transport;

/// <summary>
/// Carries messages between the nodes of one process. Delivery is asynchronous and unordered, as
/// with PowerJob's Akka/HTTP transports; an <see cref="IDeliveryPlan"/> may delay, drop or duplicate
/// any message. A message to an unknown node is dropped and reported, never lost silently.
/// </summary>
public sealed class InMemoryTransport
{
    private readonly ConcurrentDictionary<string, IMessageEndpoint> endpoints = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeProvider time;
    private readonly TaskScheduler scheduler;
    private readonly IDeliveryPlan plan;
    private readonly ITrackerEventSink events;
    private readonly ILogger logger;
    private long sequence;

    private readonly ActivityCounter activity;

    /// <summary>Creates a transport whose deliveries run on <paramref name="scheduler"/> and count in <paramref name="activity"/> until handled.</summary>
    public InMemoryTransport(TimeProvider time, TaskScheduler scheduler, IDeliveryPlan plan, ITrackerEventSink events, ILogger logger, ActivityCounter activity)
    {
        this.activity = activity;
        this.time = time;
        this.scheduler = scheduler;
        this.plan = plan;
        this.events = events;
        this.logger = logger;
    }

    /// <summary>Makes <paramref name="endpoint"/> reachable at <paramref name="address"/>.</summary>
    public void Register(string address, IMessageEndpoint endpoint)
    {
        if (!this.endpoints.TryAdd(address, endpoint))
        {
            throw new ArgumentException($"Address '{address}' is already registered on this transport.", nameof(address));
        }
    }

    /// <summary>Makes <paramref name="address"/> unreachable (a node going down).</summary>
    public void Unregister(string address) => this.endpoints.TryRemove(address, out _);

    /// <summary>Fire-and-forget send (PowerJob's tell).</summary>
    public void Tell(string from, string to, ITrackerMessage message)
    {
        var envelope = this.Wrap(from, to, message, isAsk: false);
        this.Send(envelope, reply: null);
    }

    /// <summary>
    /// Request/response send (PowerJob's ask). Returns <see langword="null"/> if no reply came within
    /// <paramref name="timeout"/>. Call it from counted runtime work: while it waits it does not count.
    /// </summary>
    public async Task<TReply?> AskAsync<TReply>(string from, string to, ITrackerMessage message, TimeSpan timeout, CancellationToken cancellationToken)
        where TReply : class
    {
        cancellationToken.ThrowIfCancellationRequested();
        var envelope = this.Wrap(from, to, message, isAsk: true);

        // One promise, settled by the reply, the timeout timer or cancellation, and only ever awaited:
        // Task.WhenAny would finish on the thread pool, outside the runtime's scheduler.
        var reply = new CountedPromise<object?>(this.activity);
        using var timer = this.time.CreateTimer(static s => ((CountedPromise<object?>)s!).TrySetResult(AskTimedOut.Instance), reply, timeout, Timeout.InfiniteTimeSpan);
        var registration = cancellationToken.Register(static s => ((CountedPromise<object?>)s!).TrySetCanceled(), reply);
        object? answer;
        try
        {
            this.Send(envelope, reply);
            answer = await reply.WaitAsync();
        }
        finally
        {
            // Unregister, not Dispose: Dispose would wait for a cancellation callback still on the cancelling thread's stack,
            // which this continuation can overtake (a hang under a systematic tester).
            registration.Unregister();
        }

        if (answer is AskTimedOut)
        {
            this.logger.AskTimedOut(message.GetType().Name, from, to, timeout);
            return null;
        }

        return answer as TReply;
    }

    private Envelope Wrap(string from, string to, ITrackerMessage message, bool isAsk) =>
        new(from, to, message, isAsk, Interlocked.Increment(ref this.sequence));

    private void Send(Envelope envelope, CountedPromise<object?>? reply)
    {
        var decision = this.plan.Decide(envelope);
        if (decision.Copies <= 0)
        {
            this.ReportDrop(envelope, "dropped by the delivery plan");
            return;
        }

        for (var copy = 0; copy < decision.Copies; copy++)
        {
            if (decision.Delay > TimeSpan.Zero)
            {
                this.DeliverLater(envelope, decision.Delay, reply);
            }
            else
            {
                this.DeliverNow(envelope, reply);
            }
        }
    }

    // A delayed message waits on a timer, not on work: it counts as activity only once it is due.
    private void DeliverLater(Envelope envelope, TimeSpan delay, CountedPromise<object?>? reply)
    {
        ITimer? timer = null;
        timer = this.time.CreateTimer(
            _ =>
            {
                timer?.Dispose();
                this.DeliverNow(envelope, reply);
            },
            null,
            Timeout.InfiniteTimeSpan,
            Timeout.InfiniteTimeSpan);
        timer.Change(delay, Timeout.InfiniteTimeSpan);
    }

    private void DeliverNow(Envelope envelope, CountedPromise<object?>? reply)
    {
        this.activity.Enter();
        _ = Mailbox.Spawn(this.scheduler, () => this.DeliverAsync(envelope, reply));
    }

    private Task DeliverAsync(Envelope envelope, CountedPromise<object?>? reply)
    {
        try
        {
            if (!this.endpoints.TryGetValue(envelope.To, out var endpoint))
            {
                this.ReportDrop(envelope, $"no node is registered at '{envelope.To}'");
                return Task.CompletedTask;
            }

            // The endpoint hands the message to a mailbox, which counts from then on; this delivery stops counting after.
            // This task does nothing after the hand-off, so it goes on as the runner of the mailbox it made busy.
            Mailbox.RunDelivery(this.scheduler, () => endpoint.Receive(envelope, reply is null ? null : answer => reply.TrySetResult(answer)));
        }
        catch (Exception ex)
        {
            // A handler crash must not vanish with the delivery task: log it and let the asker time out.
            this.logger.DeliveryFailed(ex, envelope.Message.GetType().Name, envelope.From, envelope.To);
        }
        finally
        {
            this.activity.Exit();
        }

        return Task.CompletedTask;
    }

    private void ReportDrop(Envelope envelope, string why)
    {
        this.logger.MessageLost(envelope.Message.GetType().Name, envelope.From, envelope.To, why);
        this.events.Record(new TrackerEvent(
            this.time.GetUtcNow(), envelope.From, "net", TrackerEventKind.MessageDropped, envelope.Message.InstanceId, null,
            $"{envelope.Message.GetType().Name} {envelope.From}->{envelope.To} lost: {why}"));
    }

    private sealed class AskTimedOut
    {
        public static readonly AskTimedOut Instance = new();
    }
}
