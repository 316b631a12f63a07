using System.ComponentModel;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace JaxNet.Testing;

/// <summary>A test case that reports a failure caused by <see cref="SkipException"/> as a skip with its reason.</summary>
public sealed class SkippableTestCase : XunitTestCase
{
    [EditorBrowsable(EditorBrowsableState.Never)]
    [Obsolete("Called by the de-serializer", error: true)]
    public SkippableTestCase() { }

    public SkippableTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay display, TestMethodDisplayOptions options,
        ITestMethod testMethod, object[]? testMethodArguments = null)
        : base(diagnosticMessageSink, display, options, testMethod, testMethodArguments) { }

    public override async Task<RunSummary> RunAsync(IMessageSink diagnosticMessageSink, IMessageBus messageBus,
        object[] constructorArguments, ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource)
    {
        var bus = new SkippingMessageBus(messageBus);
        var summary = await base.RunAsync(diagnosticMessageSink, bus, constructorArguments, aggregator, cancellationTokenSource);
        return bus.Adjust(summary);
    }
}

/// <summary>The same, for theories whose rows are enumerated at run time (data that cannot be serialised).</summary>
public sealed class SkippableTheoryTestCase : XunitTheoryTestCase
{
    [EditorBrowsable(EditorBrowsableState.Never)]
    [Obsolete("Called by the de-serializer", error: true)]
    public SkippableTheoryTestCase() { }

    public SkippableTheoryTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod testMethod)
        : base(diagnosticMessageSink, display, options, testMethod) { }

    public override async Task<RunSummary> RunAsync(IMessageSink diagnosticMessageSink, IMessageBus messageBus,
        object[] constructorArguments, ExceptionAggregator aggregator, CancellationTokenSource cancellationTokenSource)
    {
        var bus = new SkippingMessageBus(messageBus);
        var summary = await base.RunAsync(diagnosticMessageSink, bus, constructorArguments, aggregator, cancellationTokenSource);
        return bus.Adjust(summary);
    }
}

/// <summary>Rewrites "test failed with SkipException" messages into "test skipped" before they reach the runner.</summary>
internal sealed class SkippingMessageBus(IMessageBus inner) : IMessageBus
{
    private static readonly string SkipExceptionName = typeof(SkipException).FullName!;
    private int skipped;

    public bool QueueMessage(IMessageSinkMessage message)
    {
        if (message is ITestFailed failed && failed.ExceptionTypes.Length > 0 && failed.ExceptionTypes[0] == SkipExceptionName)
        {
            skipped++;
            return inner.QueueMessage(new TestSkipped(failed.Test, failed.Messages[0]));
        }
        return inner.QueueMessage(message);
    }

    public RunSummary Adjust(RunSummary summary)
    {
        summary.Failed -= skipped;
        summary.Skipped += skipped;
        return summary;
    }

    public void Dispose() => inner.Dispose();
}
