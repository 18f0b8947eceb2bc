// asl-validator ships no types: the call the tests make.
declare module 'asl-validator' {
  interface ValidationResult {
    isValid: boolean;
    errors: { message?: string; 'Error code'?: string; [key: string]: unknown }[];
  }
  export default function validator(
    definition: unknown,
    options?: { checkPaths?: boolean; checkArn?: boolean },
  ): ValidationResult;
}
