import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { SessionCacheReset } from './auth/SessionCacheReset.tsx';
import { createQueryClient } from './queryClient.ts';
import { router } from './router.tsx';
import './styles/index.css';

const queryClient = createQueryClient();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <SessionCacheReset />
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
