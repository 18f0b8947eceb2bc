/**
 * aws-local-stepfunctions 3 calls Promise.withResolvers, which Node 20 lacks: without it
 * every Task fails with a TypeError that a States.ALL Catch hides (shared toolchain notes).
 */
type Resolvers<T> = { promise: Promise<T>; resolve: (value: T) => void; reject: (reason?: unknown) => void };

const promiseCtor = Promise as unknown as { withResolvers?: <T>() => Resolvers<T> };
if (typeof promiseCtor.withResolvers !== 'function') {
  promiseCtor.withResolvers = <T>(): Resolvers<T> => {
    let resolve!: (value: T) => void;
    let reject!: (reason?: unknown) => void;
    const promise = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}

/**
 * The AWS SDK warns on every start that its 2027 releases need Node 22. The lockfile pins a
 * release that runs on Node 20 (toolchain notes; the move to Node 22 is planned), so the embedded
 * CLI and the tests turn that one notice off with the SDK's own switch.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
