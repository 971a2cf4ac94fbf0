/** The parts of the OpenAI Chat Completions wire format that ricegrade reads. */
export interface ChatCompletionResponse {
  choices?: Array<{
    message?: { content?: string | null | Array<{ type?: string; text?: string }> };
    finish_reason?: string | null;
  }>;
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
}

export interface OpenAIErrorBody {
  error?: { message?: string; type?: string; code?: string | null } | string;
  message?: string;
}
